import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { editor, openLab } from './lab-helpers.ts';

// The wide workspace: the editor beside the panels, across the room the text column leaves empty.
test.describe('the wide workspace', () => {
	test('on a wide screen the lab opens wide with the editor beside the panels, keeps edits, and closes back into the column', async ({
		page,
	}) => {
		await page.setViewportSize({ width: 1440, height: 900 });
		const region = await openLab(page, 'round-robin');
		const narrow = (await region.boundingBox())?.width ?? 0;
		const toggle = region.getByRole('button', { name: 'Wide workspace' });
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'true');
		await expect
			.poll(async () => (await region.boundingBox())?.width ?? 0)
			.toBeGreaterThan(narrow + 200);

		// The editor and the checks sit side by side, one panel at a time.
		const code = editor(page, 'lb.js');
		const checks = region.getByRole('region', { name: 'Checks' });
		const editorBox = await page.locator('.lab-editor-host').boundingBox();
		const checksBox = await checks.boundingBox();
		expect(checksBox!.x).toBeGreaterThan(editorBox!.x + editorBox!.width - 1);
		await expect(region.getByRole('region', { name: 'Output' })).toBeHidden();
		await region
			.getByRole('group', { name: 'Panel to show' })
			.getByRole('button', { name: 'Output' })
			.click();
		await expect(region.getByRole('region', { name: 'Output' })).toBeVisible();
		await expect(checks).toBeHidden();

		// The separator widens the editor from the keyboard.
		const separator = region.getByRole('separator', {
			name: 'Width of the editor beside the panels',
		});
		const before = Number(await separator.getAttribute('aria-valuenow'));
		await separator.focus();
		await page.keyboard.press('ArrowRight');
		await page.keyboard.press('ArrowRight');
		await expect(separator).toHaveAttribute('aria-valuenow', String(before + 10));
		await expect
			.poll(async () => (await page.locator('.lab-editor-host').boundingBox())?.width ?? 0)
			.toBeGreaterThan(editorBox!.width + 50);

		// An edit made wide is still there in the column.
		await code.focus();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// typed in the wide workspace\n');
		await toggle.click();
		await expect(toggle).toHaveAttribute('aria-pressed', 'false');
		await expect
			.poll(async () => (await region.boundingBox())?.width ?? 0)
			.toBeLessThan(narrow + 1);
		await expect(region.getByText('// typed in the wide workspace')).toBeVisible();
		await expect(region.getByRole('region', { name: 'Output' })).toBeVisible();
		await expect(checks).toBeVisible();
		await expect(region).toBeInViewport();
	});

	test('on a phone there is no wide workspace, and the panels stack in the column', async ({
		page,
	}) => {
		await page.setViewportSize({ width: 390, height: 844 });
		const region = await openLab(page, 'round-robin');
		await expect(region.getByRole('button', { name: 'Wide workspace' })).toBeHidden();
		await expect(region.getByRole('separator')).toBeHidden();
		for (const name of ['Checks', 'Output', 'Send a request', 'Hints'])
			await expect(region.getByRole('region', { name })).toBeAttached();
		await region.getByRole('region', { name: 'Hints' }).scrollIntoViewIfNeeded();
		await expect(region.getByRole('region', { name: 'Hints' })).toBeVisible();
	});

	for (const scheme of ['light', 'dark'] as const) {
		test(`the wide workspace passes an axe audit in the ${scheme} theme`, async ({ page }) => {
			await page.setViewportSize({ width: 1440, height: 900 });
			await page.emulateMedia({ colorScheme: scheme });
			const region = await openLab(page, 'round-robin');
			await region.getByRole('button', { name: 'Wide workspace' }).click();
			await expect(region.getByRole('separator')).toBeVisible();
			const { violations } = await new AxeBuilder({ page }).include('[data-lab]').analyze();
			expect(
				violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
			).toEqual([]);
		});
	}
});
