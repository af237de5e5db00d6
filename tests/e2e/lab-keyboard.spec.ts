import { expect, test } from '@playwright/test';
import { editor, labRegion, lessonOf } from './lab-helpers.ts';

// A keyboard-only learner: from the top of a lab lesson to Run checks, and into and out of the editor.
test.describe('the lab by keyboard', () => {
	test('Run checks is reached in under 10 Tab presses from the top of the page, through the skip link', async ({
		page,
	}) => {
		await page.goto(`${lessonOf['round-robin']}?runtime=local`);
		const region = labRegion(page, 'round-robin');
		const runChecks = region.getByRole('button', { name: 'Run checks' });
		let presses = 0;
		const tab = async () => {
			presses += 1;
			await page.keyboard.press('Tab');
		};
		await tab();
		await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
		await tab();
		await expect(page.getByRole('link', { name: 'Skip to the lab' })).toBeFocused();
		await page.keyboard.press('Enter');
		await expect(region).toBeFocused();
		// The jump brings the lab into view, which loads its workspace.
		await expect(runChecks).toBeVisible({ timeout: 15_000 });
		while (
			presses < 10 &&
			!(await runChecks.evaluate((button) => button === document.activeElement))
		)
			await tab();
		await expect(runChecks).toBeFocused();
		expect(presses).toBeLessThan(10);
		await expect(runChecks).toHaveAccessibleDescription(
			'Shortcut: Ctrl+Enter, from anywhere in the lab.',
		);
	});

	test('the editor says how to leave it, Esc then Tab leaves it, and Tab types again on return', async ({
		page,
	}) => {
		await page.goto(`${lessonOf['round-robin']}?runtime=local`);
		const region = labRegion(page, 'round-robin');
		await region.scrollIntoViewIfNeeded();
		const code = editor(page, 'lb.js');
		await expect(code).toBeAttached({ timeout: 15_000 });
		await expect(code).toHaveAccessibleDescription(
			/Tab types a tab\. To move on, press Esc then Tab/,
		);
		await expect(region.getByText(/In the editor, Tab types a tab\./)).toBeVisible();

		await code.focus();
		await page.keyboard.press('Control+Home');
		await page.keyboard.press('Escape');
		await page.keyboard.press('Tab');
		await expect(code).not.toBeFocused();
		await expect(region.locator(':focus')).toHaveCount(1);

		await page.keyboard.press('Shift+Tab');
		await expect(code).toBeFocused();
		const before = await page.evaluate(
			() => document.querySelector('.view-lines')?.textContent ?? '',
		);
		await page.keyboard.press('Tab');
		await expect(code).toBeFocused();
		await expect
			.poll(() => page.evaluate(() => document.querySelector('.view-lines')?.textContent ?? ''))
			.not.toBe(before);
	});
});
