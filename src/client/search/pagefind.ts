import { basePath, sitePath } from '../../shared/site-path.ts';
import { searchHits, type PagefindPage, type SearchHit } from './sections.ts';

// Loads Pagefind, which the build writes to <base>pagefind/ (src/lib/search/pagefind-index.ts), on
// the first search only: its script, its WebAssembly and the index stay off every page until then.
// Served from the site itself, it works under any base path and with no network beyond the site.

/** The part of Pagefind's browser API (pagefind.js) that the site uses. */
interface Pagefind {
	options(options: { baseUrl?: string; excerptLength?: number }): Promise<void>;
	init(): Promise<void>;
	search(query: string): Promise<{ results: { data(): Promise<PagefindPage> }[] } | null>;
}

/** The lessons whose sections are loaded and listed; a query rarely needs more. */
const lessonsShown = 6;
/** Words per excerpt: two lines on a phone. */
const excerptWords = 22;

let loading: Promise<Pagefind> | undefined;

async function load(): Promise<Pagefind> {
	// The index is written by `astro build`; the dev server has none to serve.
	if (import.meta.env.DEV)
		throw new Error('the index exists only in a build: run npm run build, then npm start');
	const pagefind = (await import(/* @vite-ignore */ sitePath('pagefind/pagefind.js'))) as Pagefind;
	// Pagefind's addresses start at the built folder's root; the base puts them under the sub-path.
	await pagefind.options({ baseUrl: basePath, excerptLength: excerptWords });
	await pagefind.init();
	return pagefind;
}

/** Starts loading Pagefind, once; a failed load is tried again on the next call. */
export function loadPagefind(): Promise<Pagefind> {
	loading ??= load().catch((error: unknown) => {
		loading = undefined;
		throw error;
	});
	return loading;
}

/** The sections that match a query, best first. */
export async function searchCourse(query: string): Promise<SearchHit[]> {
	const pagefind = await loadPagefind();
	const answer = await pagefind.search(query);
	const pages = await Promise.all(
		(answer?.results ?? []).slice(0, lessonsShown).map((page) => page.data()),
	);
	return searchHits(pages);
}
