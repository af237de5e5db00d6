// The headers that make a page cross-origin isolated (`self.crossOriginIsolated`), which the
// in-browser lab runtime needs. src/lib/deploy-headers.ts adds them to the list every server and
// every host configuration in deploy/ sends.

/** Sent with every response, pages and assets alike. */
export const isolationHeaders: Record<string, string> = {
	'Cross-Origin-Opener-Policy': 'same-origin',
	'Cross-Origin-Embedder-Policy': 'require-corp',
	'Cross-Origin-Resource-Policy': 'same-origin',
};
