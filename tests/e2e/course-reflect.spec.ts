import { expect, test } from '@playwright/test';
import { firstReflect } from './support/lesson-blocks.ts';

const reflect = firstReflect();

test.describe('a reflective question', () => {
	test('keeps the learner’s answer across a reload', async ({ page }) => {
		const answer = `My answer, written at ${new Date().toISOString()}.`;
		await page.goto(reflect.lesson.url);
		const field = page.getByRole('textbox', { name: reflect.prompt });
		await expect(field).toHaveValue('');
		await field.fill(answer);
		await expect(page.getByText('Saved in this browser.').first()).toBeVisible();
		await page.reload();
		await expect(page.getByRole('textbox', { name: reflect.prompt })).toHaveValue(answer);
	});

	test('forgets an answer the learner deletes', async ({ page }) => {
		await page.goto(reflect.lesson.url);
		const field = page.getByRole('textbox', { name: reflect.prompt });
		await field.fill('A first thought.');
		await expect(page.getByText('Saved in this browser.').first()).toBeVisible();
		await field.fill('');
		await field.blur();
		await page.reload();
		await expect(page.getByRole('textbox', { name: reflect.prompt })).toHaveValue('');
	});
});
