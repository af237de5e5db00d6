// Follows every address a built site refers to, the way a browser and a learner would: links,
// scripts, stylesheets, icons, form actions, and the fonts and images stylesheets load. Used at the
// root (the browser tests' server) and under a sub-path (nginx), so a link that escapes the base
// path or points at nothing fails with the page it is on.
import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** One address that did not answer 200, or left the site's base path. */
export interface BrokenLink {
	url: string;
	/** The page or file that refers to it. */
	from: string;
	problem: string;
}

export interface CrawlResult {
	/** Every address of the site that was requested. */
	visited: string[];
	broken: BrokenLink[];
}

/** Bounds the crawl: the course has a few dozen pages and about a hundred files. */
const MAX_URLS = 2000;

function referencesIn(type: string, text: string): string[] {
	if (type.startsWith('text/html')) {
		return [...text.matchAll(/\s(?:href|src|action)="([^"]*)"/g)].map((m) => m[1] ?? '');
	}
	if (type.startsWith('text/css')) {
		return [...text.matchAll(/url\(\s*["']?([^"')]+)["']?\s*\)/g)].map((m) => m[1] ?? '');
	}
	return [];
}

/** Files no page links to, since the search dialog computes their addresses when it first opens
 * (src/client/search/pagefind.ts); the crawl asks for them, so a build without its index fails. */
export const searchFiles = [
	'pagefind/pagefind.js',
	'pagefind/pagefind-worker.js',
	'pagefind/pagefind-entry.json',
	'pagefind/wasm.en.pagefind',
];

/** The address of a page no site has, whose answer must be the site's own 404 page. */
export const missingPage = 'this-page-does-not-exist/';

/** Crawls from `site` (an address ending in the base path and `/`), following only addresses on
 * its origin; `data:` URLs, fragments and other origins are left alone. A missing page must answer
 * 404, and what the 404 page refers to is followed too, since a learner lands there from anywhere. */
export async function crawlSite(site: string, extra: readonly string[] = []): Promise<CrawlResult> {
	const root = new URL(site);
	const seen = new Map<string, string>();
	const queue: string[] = [];
	const broken: BrokenLink[] = [];
	const add = (raw: string, from: string) => {
		if (raw === '' || raw.startsWith('#') || /^(data|mailto|javascript):/i.test(raw)) return;
		const url = new URL(raw, from);
		url.hash = '';
		if (url.origin !== root.origin) return;
		const key = url.href;
		if (seen.has(key)) return;
		seen.set(key, from);
		if (!url.pathname.startsWith(root.pathname)) {
			broken.push({ url: key, from, problem: `is outside the site's base path ${root.pathname}` });
			return;
		}
		if (seen.size > MAX_URLS)
			throw new Error(`More than ${MAX_URLS} addresses under ${site}: is a link generating more?`);
		queue.push(key);
	};
	add(site, site);
	add(missingPage, site);
	for (const path of extra) add(path, site);
	for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
		const response = await fetch(next, { signal: AbortSignal.timeout(15_000) });
		const from = seen.get(next) ?? site;
		const expected = next === new URL(missingPage, site).href ? 404 : 200;
		if (response.status !== expected) {
			broken.push({ url: next, from, problem: `answered ${response.status}` });
			await response.body?.cancel();
			continue;
		}
		const type = response.headers.get('content-type') ?? '';
		const parse = /^text\/(html|css)/.test(type);
		if (!parse) {
			await response.body?.cancel();
			continue;
		}
		for (const reference of referencesIn(type, await response.text())) add(reference, next);
	}
	return { visited: [...seen.keys()], broken };
}

/** The address of every page of a build folder, relative to the site, such as `lessons/x/`;
 * `404.html` is left out, since it is reached through a missing page. */
export function pagesOf(dist: string): string[] {
	return readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html') && entry.name !== '404.html')
		.map((entry) => relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/'))
		.map((file) => file.replace(/(^|\/)index\.html$/, '$1'))
		.sort();
}

/** One line per broken address, for an assertion message. */
export function describeBroken(broken: readonly BrokenLink[]): string {
	return broken.map((b) => `${b.url} ${b.problem} (linked from ${b.from})`).join('\n');
}
