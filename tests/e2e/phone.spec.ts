import { expect, test } from '@playwright/test';
import { expectedLessons } from './support/course.ts';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });

test.describe('on a phone', () => {
	test('the outline starts collapsed and opens and closes with its button', async ({ page }) => {
		const lessons = expectedLessons();
		await page.goto(lessons[0]!.url);
		const toggle = page.getByRole('button', { name: 'Course outline' });
		const outline = page.getByRole('navigation', { name: 'Course outline' });
		await expect(toggle).toHaveAttribute('aria-expanded', 'false');
		await expect(outline).toBeHidden();
		await expect(page.getByRole('heading', { level: 1 })).toBeInViewport();

		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-expanded', 'true');
		await expect(outline).toBeVisible();

		// Escape inside the open outline closes it and returns focus to the button.
		await outline.getByRole('link').first().focus();
		await page.keyboard.press('Escape');
		await expect(outline).toBeHidden();
		await expect(toggle).toBeFocused();
	});

	test('a lesson opened from the outline loads with the outline collapsed again', async ({
		page,
	}) => {
		const lessons = expectedLessons();
		test.skip(lessons.length < 2, 'The course needs two lessons to pick another one.');
		await page.goto(lessons[0]!.url);
		await page.getByRole('button', { name: 'Course outline' }).click();
		const outline = page.getByRole('navigation', { name: 'Course outline' });
		await outline.getByRole('link', { name: lessons[1]!.title, exact: true }).click();
		await expect(page.getByRole('heading', { level: 1 })).toHaveText(lessons[1]!.title);
		await expect(outline).toBeHidden();
	});

	test('a page is no wider than the screen', async ({ page }) => {
		for (const path of ['/', expectedLessons()[0]!.url]) {
			await page.goto(path);
			const overflow = await page.evaluate(
				() => document.documentElement.scrollWidth - window.innerWidth,
			);
			expect(overflow, path).toBeLessThanOrEqual(0);
		}
	});
});
