// The nginx server block. At the root it serves the build as the server's whole site; under a
// sub-path it serves it from one location with `alias`, leaving the rest of the server to its owner.
import { immutableCache, pageCache, siteHeaders } from '../../src/lib/deploy-headers.ts';
import { assetPrefix, generated, quoted } from './shared.ts';

function headers(indent: string, cache: string): string[] {
	return [...Object.entries(siteHeaders), ['Cache-Control', cache] as const].map(
		([name, value]) => `${indent}add_header ${name} ${quoted(value)} always;`,
	);
}

/** The server-level lines; `root` comes right after the name when the site is the whole server. */
const preamble = (root: string[]) => [
	'\tlisten 80;',
	'\tserver_name _;',
	...root,
	'\tindex index.html;',
	'\tcharset utf-8;',
	'\t# Redirects to the folder with its slash keep the scheme and host the browser used.',
	'\tabsolute_redirect off;',
	'\tserver_tokens off;',
	'\t# A types block here replaces the stock table, so it is included again with the one type',
	'\t# it lacks; .wasm and .json are in it already (application/wasm, application/json).',
	'\tinclude mime.types;',
	'\ttypes {',
	'\t\ttext/javascript mjs;',
	'\t}',
	'',
	'\t# `always` puts the headers on 404 and other error responses too, so they stay isolated.',
	...headers('\t', pageCache),
];

/** The site at the server's root. */
function atRoot(): string[] {
	return [
		'# Include it from the http block of nginx.conf and change `listen`, `server_name` and `root`.',
		'server {',
		...preamble(['\troot /srv/course/dist;']),
		'',
		'\terror_page 404 /404.html;',
		'',
		'\tlocation / {',
		'\t\ttry_files $uri $uri/ $uri.html =404;',
		'\t}',
		'',
		// `add_header` in a location replaces every header of the server level, so the asset
		// location repeats the whole list with its own cache policy.
		`\tlocation ${assetPrefix('/')} {`,
		...headers('\t\t', immutableCache),
		'\t\ttry_files $uri =404;',
		'\t}',
		'}',
	];
}

/** The site under `base`, served from the build folder with `alias`. */
function underBase(base: string): string[] {
	const assets = assetPrefix(base);
	return [
		`# The course is served under ${base}. Include this block from the http block of nginx.conf,`,
		'# or copy its locations into a server of your own. Change `listen`, `server_name` and both',
		'# `alias` lines (each keeps its trailing slash).',
		'server {',
		...preamble([]),
		'',
		`\tlocation = ${base.slice(0, -1)} {`,
		`\t\treturn 301 ${base};`,
		'\t}',
		'',
		`\tlocation ${base} {`,
		'\t\talias /srv/course/dist/;',
		`\t\terror_page 404 ${base}404.html;`,
		'\t\ttry_files $uri $uri/ $uri.html =404;',
		'\t}',
		'',
		// A location of its own rather than a nested one: `alias` is not inherited.
		`\tlocation ${assets} {`,
		'\t\talias /srv/course/dist/_astro/;',
		`\t\terror_page 404 ${base}404.html;`,
		...headers('\t\t', immutableCache),
		'\t\ttry_files $uri =404;',
		'\t}',
		'}',
	];
}

export function nginxConf(base: string): string {
	const body = base === '/' ? atRoot() : underBase(base);
	return [`# ${generated}`, ...body, ''].join('\n');
}
