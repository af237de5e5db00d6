// The headers that make a page cross-origin isolated (`self.crossOriginIsolated`), which the
// in-browser lab runtime needs. One list shared by astro.config.mjs, scripts/serve.ts and the tests;
// public/_headers and vercel.json repeat it for static hosts and a test keeps them in step.

/** Sent with every response, pages and assets alike. */
export const isolationHeaders: Record<string, string> = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
};
