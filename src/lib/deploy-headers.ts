// The headers every response of the site carries, wherever it is served. astro.config.mjs,
// scripts/serve.ts and every host configuration in deploy/ (written by scripts/write-host-configs.ts)
// read this one list, and tests/deploy/host-configs.test.ts fails when a committed file drifts.
import { createHash } from 'node:crypto';
import { isolationHeaders } from './isolation-headers.ts';
import { themeScript } from './theme-script.ts';

/** The origin `@webcontainer/api` loads its hidden `/headless` frame from (DEFAULT_EDITOR_ORIGIN in
 * node_modules/@webcontainer/api/dist/internal/constants.js). Frames nested inside it follow
 * StackBlitz's own policy, so this is the only outside origin the site needs. */
export const webContainerOrigin = 'https://stackblitz.com';

/** The CSP source that allows the theme script and no other inline script. */
export function scriptHash(text: string): string {
	return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** Each directive with the reason it is as wide as it is; nothing else is allowed. */
const directives: [string, string[]][] = [
	['default-src', ["'self'"]],
	// Every script is a file under /_astro/ (astro.config.mjs keeps Vite from inlining them), except
	// the theme script, which must run before the first paint. Search (Pagefind, under /pagefind/)
	// compiles a WebAssembly module: 'wasm-unsafe-eval' allows exactly that, and no eval() of strings.
	['script-src', ["'self'", scriptHash(themeScript), "'wasm-unsafe-eval'"]],
	// Shiki writes colours into style attributes and Monaco creates style elements at run time,
	// so inline styles cannot be listed one by one.
	['style-src', ["'self'", "'unsafe-inline'"]],
	// Monaco's stylesheet carries small icons as data: URLs.
	['img-src', ["'self'", 'data:']],
	['font-src', ["'self'"]],
	// The local runtime and the search index are fetched from this origin; WebContainer talks to
	// its frame with messages, not requests.
	['connect-src', ["'self'"]],
	// Monaco's editor and TypeScript workers are bundled files under /_astro/.
	['worker-src', ["'self'"]],
	['frame-src', [webContainerOrigin]],
	['object-src', ["'none'"]],
	['base-uri', ["'self'"]],
	['form-action', ["'self'"]],
	['frame-ancestors', ["'none'"]],
];

/** The Content-Security-Policy header value. */
export const contentSecurityPolicy: string = directives
	.map(([name, sources]) => `${name} ${sources.join(' ')}`)
	.join('; ');

/** Sent with every response, pages, assets and error pages alike. */
export const siteHeaders: Record<string, string> = {
	...isolationHeaders,
	'Content-Security-Policy': contentSecurityPolicy,
	'X-Content-Type-Options': 'nosniff',
};

/** Astro names hashed files, so what is under this path never changes and is cached for a year. */
export const immutablePrefix = '/_astro/';
export const immutableCache = 'public, max-age=31536000, immutable';
/** Pages keep their URL across deploys, so browsers must ask again before reusing them. */
export const pageCache = 'no-cache';
