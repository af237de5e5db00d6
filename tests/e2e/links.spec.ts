import { expect, test } from '@playwright/test';
import { crawlSite, describeBroken, pagesOf, searchFiles } from '../support/site-crawl.ts';

// The same crawl the nginx test runs under a sub-path, here over the root build that `npm start`
// serves: a lesson linking to a page that was renamed, or a file the build never wrote, fails here.
test('every link, script, stylesheet and search file of the course answers, and every page is linked', async ({
	baseURL,
}) => {
	test.setTimeout(60_000);
	const site = `${baseURL ?? ''}/`;
	const { visited, broken } = await crawlSite(site, searchFiles);
	expect(broken, describeBroken(broken)).toEqual([]);
	const unreached = pagesOf(process.env['E2E_DIST'] ?? 'dist')
		.map((path) => new URL(path, site).href)
		.filter((url) => !visited.includes(url));
	expect(unreached).toEqual([]);
});
