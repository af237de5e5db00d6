import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { violationList } from './support/axe.ts';
import { builtPages } from './support/built-pages.ts';
import { colourPairs } from './support/colour-pairs.ts';
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

// Every page gets every rule in the light theme.
for (const path of audited) {
	test(`${path} passes an axe audit in the light theme`, async ({ page }) => {
		// A long lesson with diagrams and a quiz takes axe well over ten seconds on a busy
		// two-core machine.
		test.setTimeout(120_000);
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(path);
		await expect(page.getByRole('main')).toBeVisible();
		const builder = new AxeBuilder({ page }).exclude(codeTokens);
		expect(violationList(await builder.analyze()), `axe violations on ${path}`).toEqual([]);
	});
}

// The dark theme changes colours only, so only the colour rules can judge it differently, and
// they judge each piece of text by its colour situation alone. Each page is read for the
// situations its text is in (a cheap walk), and axe runs on the pages that bring one no audited
// page had: every situation on the site is audited, in a fraction of the time axe took over every
// page, which was a third of the browser suite on a busy runner. Contrast failures usually hide in
// one theme only, so this pass is kept, not dropped.
test('every colour situation of the dark theme passes axe, on the pages that hold them', async ({
	page,
}) => {
	test.setTimeout(300_000);
	await page.emulateMedia({ colorScheme: 'dark' });
	const seen = new Set<string>();
	const auditedDark: string[] = [];
	for (const path of audited) {
		await page.goto(path);
		await expect(page.getByRole('main')).toBeVisible();
		const fresh = (await colourPairs(page, codeTokens)).filter((pair) => !seen.has(pair));
		if (fresh.length === 0) continue;
		const builder = new AxeBuilder({ page }).exclude(codeTokens).withRules(colourRules);
		expect(violationList(await builder.analyze()), `axe violations on ${path} (dark)`).toEqual([]);
		for (const pair of fresh) seen.add(pair);
		auditedDark.push(path);
	}
	// The walk must find text everywhere, or every page after the first would be skipped for
	// finding nothing new while holding text it failed to see.
	expect(seen.size, 'no text found on any page').toBeGreaterThan(10);
	test.info().annotations.push({
		type: 'dark pages audited',
		description: `${auditedDark.length} of ${audited.length}: ${auditedDark.join(', ')}`,
	});
});

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
