import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { expectedLessons } from './support/course.ts';
import { startSubPathSite, subPath, type SubPathSite } from './support/sub-path-site.ts';

// Search is a dialog in the header over the Pagefind index the build writes. The words searched
// for are the issue's own: "sticky session" must find the "Sticky sessions" heading, not a section
// that merely mentions sessions. Their lesson is found on disk, so a renamed lesson fails clearly.
const lesson = expectedLessons().find((l) => /^#+ Sticky sessions$/m.test(l.body));
const firstLesson = expectedLessons()[0]!;

/** Files that only the search needs: the dialog's own code and everything of Pagefind's. */
const searchFile = /\/_astro\/search-(dialog|box)\.[\w-]+\.js$|\/pagefind\//;

const dialogOf = (page: Page) => page.getByRole('dialog', { name: 'Search the course' });
const resultsOf = (page: Page) => dialogOf(page).getByRole('list').getByRole('link');

/** The first search of a page also loads Pagefind, its WebAssembly and index chunks: several
 * seconds on a busy two-core machine, where the default five would fail now and then. */
const firstSearch = { timeout: 20_000 };

async function search(page: Page, words: string): Promise<void> {
	await dialogOf(page).getByRole('searchbox', { name: 'Search lessons' }).fill(words);
	await expect(dialogOf(page).getByRole('status')).toHaveText(
		new RegExp(`results? for “${words}”`),
		firstSearch,
	);
}

test.describe('searching the course', () => {
	test.beforeAll(() => {
		if (!lesson)
			throw new Error(
				'No lesson has a "Sticky sessions" heading any more; pick another two-word heading here.',
			);
	});

	test('/ opens the search, and Esc closes it and gives focus back to the Search button', async ({
		page,
	}) => {
		await page.goto(firstLesson.url);
		await page.keyboard.press('/');
		await expect(dialogOf(page)).toBeVisible();
		await expect(dialogOf(page).getByRole('searchbox', { name: 'Search lessons' })).toBeFocused();
		await page.keyboard.press('Escape');
		await expect(dialogOf(page)).toBeHidden();
		await expect(page.getByRole('button', { name: 'Search' })).toBeFocused();
	});

	test('Ctrl+K opens the search and closes it again, and the button opens it too', async ({
		page,
	}) => {
		await page.goto(firstLesson.url);
		await page.keyboard.press('Control+K');
		await expect(dialogOf(page).getByRole('searchbox', { name: 'Search lessons' })).toBeFocused();
		await page.keyboard.press('Control+K');
		await expect(dialogOf(page)).toBeHidden();
		await page.getByRole('button', { name: 'Search' }).click();
		await expect(dialogOf(page)).toBeVisible();
		await dialogOf(page).getByRole('button', { name: 'Close' }).click();
		await expect(dialogOf(page)).toBeHidden();
		await expect(page.getByRole('button', { name: 'Search' })).toBeFocused();
	});

	test('a two-word query lists the heading that holds both words first', async ({ page }) => {
		await page.goto(firstLesson.url);
		await page.keyboard.press('/');
		await search(page, 'sticky session');
		const names = await resultsOf(page).allTextContents();
		expect(names[0], names.join('\n')).toMatch(/^Sticky sessions/);
		const shared = names.findIndex((name) => name.startsWith('Shared session storage'));
		if (shared >= 0) expect(shared).toBeGreaterThan(0);
		await expect(resultsOf(page).first()).toHaveAttribute('href', new RegExp(`^${lesson!.url}#`));
		await expect(dialogOf(page).locator('mark').first()).toHaveText(/^sticky/i);
	});

	test('a result opens the lesson at its section, and the dialog is gone', async ({ page }) => {
		await page.goto(firstLesson.url);
		await page.getByRole('button', { name: 'Search' }).click();
		await search(page, 'sticky session');
		const first = resultsOf(page).first();
		const id = new URL((await first.getAttribute('href'))!, page.url()).hash.slice(1);
		await first.click();
		await expect(page).toHaveURL(new RegExp(`${lesson!.url}#${id}$`));
		await expect(page.locator(`[id="${id}"]`)).toBeInViewport();
		await expect(dialogOf(page)).toBeHidden();
	});

	test('the arrow keys move from the field into the results, and Enter opens the first result', async ({
		page,
	}) => {
		await page.goto(firstLesson.url);
		await page.keyboard.press('/');
		await search(page, 'sticky session');
		await page.keyboard.press('ArrowDown');
		await expect(resultsOf(page).first()).toBeFocused();
		await page.keyboard.press('ArrowDown');
		await expect(resultsOf(page).nth(1)).toBeFocused();
		await page.keyboard.press('ArrowUp');
		await page.keyboard.press('ArrowUp');
		await expect(dialogOf(page).getByRole('searchbox')).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(page).toHaveURL(new RegExp(`${lesson!.url}#`));
	});

	test("the search's code and index are not requested until the dialog opens", async ({ page }) => {
		const requested: string[] = [];
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await page.goto(lesson!.url, { waitUntil: 'load' });
		expect(requested.filter((path) => searchFile.test(path))).toEqual([]);
		await page.keyboard.press('/');
		await search(page, 'sticky session');
		expect(requested).toContain('/pagefind/pagefind.js');
		expect(requested.some((path) => /\/_astro\/search-dialog\./.test(path))).toBe(true);
	});

	test('words typed before the dialog has loaded its code are searched once it has', async ({
		page,
	}) => {
		// Holds the dialog's code back until the learner has typed, as a slow connection would.
		let release: () => void = () => {};
		const typed = new Promise<void>((resolve) => (release = resolve));
		await page.route(/\/_astro\/search-dialog\./, async (route) => {
			await typed;
			await route.continue();
		});
		await page.goto(firstLesson.url);
		await page.keyboard.press('/');
		await dialogOf(page).getByRole('searchbox').pressSequentially('sticky session');
		release();
		await expect(dialogOf(page).getByRole('status')).toHaveText(
			/results? for “sticky session”/,
			firstSearch,
		);
	});

	test('the /search/ page searches the words in its address', async ({ page }) => {
		await page.goto('/search/?q=sticky%20session');
		const main = page.getByRole('main');
		await expect(main.getByRole('searchbox', { name: 'Search lessons' })).toHaveValue(
			'sticky session',
		);
		await expect(main.getByRole('list').getByRole('link').first()).toHaveText(
			/^Sticky sessions/,
			firstSearch,
		);
	});

	test('the open dialog with results passes axe in both themes', async ({ page }) => {
		// Two axe runs after a first search; on a busy two-core machine that outlasts 30 s.
		test.setTimeout(90_000);
		await page.goto(firstLesson.url);
		await page.keyboard.press('/');
		await search(page, 'sticky session');
		await expectAccessibleInBothThemes(page, 'the search dialog', '.search-dialog');
	});

	test.describe('on a 390 px phone', () => {
		test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

		test('the dialog fills the screen, its results fit its width, and it passes axe', async ({
			page,
		}) => {
			test.setTimeout(90_000);
			await page.goto(firstLesson.url);
			await page.getByRole('button', { name: 'Search' }).tap();
			await search(page, 'sticky session');
			const box = await dialogOf(page).boundingBox();
			expect(box?.width).toBe(390);
			const overflow = await dialogOf(page).evaluate(
				(dialog) => dialog.scrollWidth - dialog.clientWidth,
			);
			expect(overflow).toBe(0);
			await expectAccessibleInBothThemes(page, 'the search dialog on a phone', '.search-dialog');
			await dialogOf(page).getByRole('button', { name: 'Close' }).tap();
			await expect(dialogOf(page)).toBeHidden();
		});
	});
});

test.describe('searching a course served under a sub-path', () => {
	let site: SubPathSite;
	test.beforeAll(async () => {
		// A whole second build, on a two-core machine that may be busy.
		test.setTimeout(240_000);
		site = await startSubPathSite();
	});
	test.afterAll(async () => {
		await site?.close();
	});

	test('finds a heading and opens it under the sub-path', async ({ page }) => {
		// A fresh server and a cold browser cache: the page, then Pagefind, load from scratch.
		test.setTimeout(90_000);
		const requested: string[] = [];
		page.on('request', (request) => requested.push(new URL(request.url()).pathname));
		await page.goto(`${site.url}${firstLesson.url.slice(1)}`);
		await page.keyboard.press('Control+K');
		await search(page, 'sticky session');
		await expect(resultsOf(page).first()).toHaveAttribute(
			'href',
			new RegExp(`^${subPath}${lesson!.url.slice(1)}#`),
		);
		expect(requested).toContain(`${subPath}pagefind/pagefind.js`);
		expect(requested.filter((path) => !path.startsWith(subPath))).toEqual([]);
		await resultsOf(page).first().click();
		await expect(page).toHaveURL(new RegExp(`${subPath}${lesson!.url.slice(1)}#`));
	});
});
