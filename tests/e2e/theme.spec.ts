import { expect, test, type Page } from '@playwright/test';

async function background(page: Page): Promise<string> {
	return page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
}

const white = 'rgb(255, 255, 255)';

test.describe('theme switch', () => {
	test('follows the system colour scheme until the learner picks one', async ({ page }) => {
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.goto('/');
		const toggle = page.getByRole('button', { name: 'Dark theme' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await background(page)).not.toBe(white);

		await page.emulateMedia({ colorScheme: 'light' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		expect(await background(page)).toBe(white);
	});

	test('remembers the picked theme across a reload and over the system setting', async ({
		page,
	}) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/');
		const toggle = page.getByRole('button', { name: 'Dark theme' });
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await background(page)).not.toBe(white);

		await page.reload();
		await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		expect(await background(page)).not.toBe(white);

		await toggle.click();
		await page.emulateMedia({ colorScheme: 'dark' });
		await page.reload();
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		expect(await background(page)).toBe(white);
	});

	test('is applied before the page is painted, by the inline script in the head', async ({
		page,
	}) => {
		await page.emulateMedia({ colorScheme: 'light' });
		await page.goto('/');
		await page.evaluate(() => localStorage.setItem('theme', 'dark'));
		// Record the theme at the moment the <body> element is created, before anything is painted.
		await page.addInitScript(() => {
			new MutationObserver((_, observer) => {
				if (!document.body) return;
				(window as unknown as { themeAtBody: string }).themeAtBody =
					document.documentElement.dataset['theme'] ?? 'none';
				observer.disconnect();
			}).observe(document, { childList: true, subtree: true });
		});
		await page.reload();
		const themeAtBody = await page.evaluate(
			() => (window as unknown as { themeAtBody: string }).themeAtBody,
		);
		expect(themeAtBody).toBe('dark');
	});
});
