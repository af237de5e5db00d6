import { expect, test, type Locator } from '@playwright/test';
import { firstCodeBlock } from './support/course.ts';

/** For each token of a code block: its computed colour and the colour Shiki chose for `theme`. */
async function tokenColours(block: Locator, theme: 'light' | 'dark') {
	return block.locator('span[style]').evaluateAll((spans, name) => {
		const probe = document.createElement('span');
		document.body.append(probe);
		const result = spans.map((span) => {
			// Let the browser turn the hex value of the custom property into the rgb() form it reports.
			probe.style.color = getComputedStyle(span).getPropertyValue(`--shiki-${name}`).trim();
			return { actual: getComputedStyle(span).color, expected: getComputedStyle(probe).color };
		});
		probe.remove();
		return result;
	}, theme);
}

test.describe('code blocks', () => {
	test('are highlighted with the light theme, then the dark one after the theme switch', async ({
		page,
	}) => {
		const { lesson } = firstCodeBlock();
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto(lesson.url);
		const block = page.locator('pre.astro-code').first();
		await expect(block).toBeVisible();

		const light = await tokenColours(block, 'light');
		expect(
			new Set(light.map((t) => t.actual)).size,
			'distinct token colours',
		).toBeGreaterThanOrEqual(2);
		for (const token of light) expect(token.actual).toBe(token.expected);

		await page.getByRole('button', { name: 'Dark theme' }).click();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		const dark = await tokenColours(block, 'dark');
		for (const token of dark) expect(token.actual).toBe(token.expected);
		expect(dark.map((t) => t.actual)).not.toEqual(light.map((t) => t.actual));
	});

	test('have a copy button that puts the exact code on the clipboard and says so', async ({
		page,
		context,
	}) => {
		const { lesson, code } = firstCodeBlock();
		await context.grantPermissions(['clipboard-read', 'clipboard-write']);
		await page.goto(lesson.url);
		const button = page.getByRole('button', { name: /^Copy .*code$/ }).first();
		await expect(button).toHaveText('Copy');
		await button.click();
		await expect(button).toHaveText('Copied');
		// Other live regions (a quiz's score, the progress note) share the page, so find ours by text.
		await expect(page.getByRole('status').filter({ hasText: 'Copied' })).toBeVisible();
		const copied = await page.evaluate(() => navigator.clipboard.readText());
		expect(copied).toBe(code);
		// The label comes back, so a second copy is announced again.
		await expect(button).toHaveText('Copy');
	});
});
