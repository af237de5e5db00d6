import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration, AstroIntegrationLogger } from 'astro';
import * as pagefind from 'pagefind';

// Builds the search index with Pagefind once Astro has written the pages, over whatever folder the
// build wrote to (`dist/`, or the `--outDir` that tests and benchmarks pass), so the index always
// matches the pages beside it. Pagefind reads the built HTML, so it indexes what learners read.

/** Parts of a lesson that other components render inside the indexed `<article>` and that are not
 * lesson text: a lab's README and workspace (files, buttons, output), a quiz's choices, feedback and
 * revealed answers (a search must not hand out the answers), the note under every reflection box,
 * the lesson's own navigation (contents, lab list, "mark as read", previous and next), and whatever
 * is hidden until a learner acts (a lab's "Lab passed"). The lesson layout marks its own chrome
 * with `data-pagefind-ignore` instead. */
export const ignoredInLessons = [
	'[hidden]',
	'.lab-readme',
	'[data-lab-workspace]',
	'.quiz-choices',
	'.quiz-feedback',
	'.quiz-answers',
	'.reflect-note',
	'.toc',
	'.labs',
	'[data-lesson-done]',
	'.pager',
];

/** Pagefind writes its ready-made search interfaces too; the site has its own small one
 * (src/client/search/), so these are removed and no page can load them by mistake. */
const unusedUiFiles = [
	'pagefind-ui.js',
	'pagefind-ui.css',
	'pagefind-modular-ui.js',
	'pagefind-modular-ui.css',
	'pagefind-component-ui.js',
	'pagefind-component-ui.css',
	'pagefind-highlight.js',
];

function check<T extends { errors: string[] }>(response: T, step: string): T {
	if (response.errors.length > 0)
		throw new Error(`Pagefind could not ${step}: ${response.errors.join('; ')}`);
	return response;
}

/** Indexes every page under `site` and writes the index and Pagefind's script to `site/pagefind/`. */
export async function writeSearchIndex(
	site: string,
	logger?: AstroIntegrationLogger,
): Promise<number> {
	const started = performance.now();
	try {
		const { index } = check(
			await pagefind.createIndex({ excludeSelectors: ignoredInLessons }),
			'start',
		);
		if (!index) throw new Error('Pagefind started without an index.');
		const { page_count } = check(await index.addDirectory({ path: site }), `index ${site}`);
		const output = join(site, 'pagefind');
		check(await index.writeFiles({ outputPath: output }), `write ${output}`);
		await Promise.all(unusedUiFiles.map((file) => rm(join(output, file), { force: true })));
		const seconds = ((performance.now() - started) / 1000).toFixed(1);
		logger?.info(`Search index: ${page_count} pages in ${seconds} s, written to ${output}`);
		return page_count;
	} finally {
		// Pagefind runs as a child process; the build would not exit while it lives.
		await pagefind.close();
	}
}

/** The Astro integration: builds the index after every `astro build`, `npm run build` included. */
export function searchIndex(): AstroIntegration {
	return {
		name: 'course-search-index',
		hooks: {
			'astro:build:done': async ({ dir, logger }) => {
				await writeSearchIndex(fileURLToPath(dir), logger);
			},
		},
	};
}
