import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './support/built-pages.ts';
import { expectedLessons } from './support/course.ts';

// The pages that are not lessons; every lesson comes from the content files. Listing them here,
// rather than reading the build, lets each page be its own test with its own time budget, and the
// last test below makes sure no page of the build escapes the audit.
const otherPages = ['/', '/this-page-does-not-exist/', '/search/', '/progress/'];
const audited = [...otherPages, ...expectedLessons().map((lesson) => lesson.url)];

// Every page, in both colour schemes: contrast failures usually hide in only one of them.
for (const scheme of ['light', 'dark'] as const) {
	test.describe(`in the ${scheme} theme`, () => {
		for (const path of audited) {
			test(`${path} passes an axe audit`, async ({ page }) => {
				// A long lesson with diagrams and a quiz takes axe well over ten seconds on a busy
				// two-core machine.
				test.setTimeout(90_000);
				await page.emulateMedia({ colorScheme: scheme });
				await page.goto(path);
				await expect(page.getByRole('main')).toBeVisible();
				const { violations } = await new AxeBuilder({ page }).analyze();
				const summary = violations.map(
					(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
				);
				expect(summary, `axe violations on ${path} (${scheme})`).toEqual([]);
			});
		}
	});
}

test('every page of the build is among the audited pages', () => {
	expect(builtPages().filter((path) => !audited.includes(path))).toEqual([]);
});
