import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { violationList } from './support/axe.ts';
import { builtPages } from './support/built-pages.ts';
import { expectedLessons } from './support/course.ts';

// Pages are independent, so the workers share the sweep rather than one worker running it all.
test.describe.configure({ mode: 'parallel' });

// The pages that are not lessons; every lesson comes from the content files. Listing them here,
// rather than reading the build, lets each page be its own test with its own time budget, and the
// last test below makes sure no page of the build escapes the audit.
const otherPages = ['/', '/this-page-does-not-exist/', '/search/', '/progress/'];
const audited = [...otherPages, ...expectedLessons().map((lesson) => lesson.url)];

/** The rules whose verdict can change with the colour scheme; every other rule reads the markup,
 * which is the same in both themes, so the dark pass runs only these. */
const colourRules = ['color-contrast', 'link-in-text-block'];

/** Highlighted code is a thousand coloured spans on a long lesson, about half of axe's time there.
 * The sweep leaves them to the test below, which audits them once on the lesson with the most code:
 * their colours come from one transformer (src/lib/shiki-contrast.ts) for every block alike. */
const codeTokens = 'pre code span';

async function audit(page: Page, path: string, builder: () => AxeBuilder): Promise<void> {
	// Without a stored choice the page follows the system's scheme as it changes, so one load
	// serves both passes.
	await page.emulateMedia({ colorScheme: 'light' });
	expect(violationList(await builder().analyze()), `axe violations on ${path} (light)`).toEqual([]);
	await page.emulateMedia({ colorScheme: 'dark' });
	expect(
		violationList(await builder().withRules(colourRules).analyze()),
		`axe violations on ${path} (dark)`,
	).toEqual([]);
}

// Every page: every rule in the light theme, and in the dark theme the rules colours decide,
// since contrast failures usually hide in only one of them.
for (const path of audited) {
	test(`${path} passes an axe audit in both themes`, async ({ page }) => {
		// A long lesson with diagrams and a quiz takes axe well over ten seconds on a busy
		// two-core machine.
		test.setTimeout(120_000);
		await page.goto(path);
		await expect(page.getByRole('main')).toBeVisible();
		await audit(page, path, () => new AxeBuilder({ page }).exclude(codeTokens));
	});
}

test('highlighted code keeps its contrast in both themes, on the lesson with the most code', async ({
	page,
}) => {
	test.setTimeout(120_000);
	const fences = (body: string) => body.match(/^```/gm)?.length ?? 0;
	const lesson = expectedLessons().reduce((most, next) =>
		fences(next.body) > fences(most.body) ? next : most,
	);
	expect(fences(lesson.body), 'no lesson has a code block').toBeGreaterThan(0);
	await page.goto(lesson.url);
	await expect(page.locator(codeTokens).first()).toBeVisible();
	await audit(page, lesson.url, () =>
		new AxeBuilder({ page }).include('pre').withRules(colourRules),
	);
});

test('every page of the build is among the audited pages', () => {
	expect(builtPages().filter((path) => !audited.includes(path))).toEqual([]);
});
