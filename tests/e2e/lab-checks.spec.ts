import { expect, test } from '@playwright/test';
import { editor, labFile, openLab, replaceFile, runChecks, savedFiles } from './lab-helpers.ts';

// Checks run for real in the local runtime (`npm start`'s /__runtime/), on the files in the editor.
test.describe('lab checks', () => {
	test('the starter fails its checks, each with its message and curl line', async ({ page }) => {
		test.setTimeout(90_000);
		const region = await openLab(page, 'orders-api');
		// The keyboard shortcut, pressed in the editor, runs the checks like the button.
		await editor(page, 'server.js').focus();
		await page.keyboard.press('ControlOrMeta+Enter');
		await expect(
			region.getByText(/^Check \d+ of \d+: /).or(region.getByText(/^\d+ passed, \d+ failed/)),
		).toBeVisible();
		await expect(region.getByText(/^\d+ passed, \d+ failed/)).toBeVisible({ timeout: 60_000 });
		await expect(region.getByText('Some checks failed.')).toBeVisible();
		const failed = region.getByRole('listitem').filter({ hasText: 'Failed' });
		await expect(failed.first()).toContainText(/Expected status \d+ for GET \/products/);
		await expect(failed.first().getByText(/^curl -i /)).toBeVisible();
		await expect(region.getByText('Lab passed')).toBeHidden();
	});

	test('the solution, pasted from the lab folder, passes every check and the lab shows as passed', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		const region = await openLab(page, 'orders-api');
		const solution = labFile('orders-api', 'solution', 'server.js');
		await replaceFile(page, 'server.js', solution);
		await runChecks(region);
		await expect(region.getByText(/^\d+ passed, 0 failed/)).toBeVisible();
		await expect(region.getByText('Every check passed.')).toBeVisible();
		await expect(region.getByText('Lab passed')).toBeVisible();
		expect((await savedFiles(page, 'orders-api'))['server.js']).toBe(solution);

		// The passed mark is remembered, and shown before the editor loads again.
		await page.reload();
		await expect(region.getByText('Lab passed')).toBeVisible();
	});

	test('a program that loops forever fails with a timeout, and the next run works', async ({
		page,
	}) => {
		test.setTimeout(150_000);
		const region = await openLab(page, 'orders-api');
		const looping = [
			"import { createServer } from 'node:http';",
			'createServer(() => {',
			'\twhile (true) {}',
			'}).listen(Number(process.env.PORT));',
			'',
		].join('\n');
		await replaceFile(page, 'server.js', looping);
		await runChecks(region, 120_000);
		await expect(region.getByText(/within \d+ ms/).first()).toBeVisible();
		await expect(region.getByText(/^0 passed, \d+ failed/)).toBeVisible();

		await replaceFile(page, 'server.js', labFile('orders-api', 'solution', 'server.js'));
		await runChecks(region);
		await expect(region.getByText(/^\d+ passed, 0 failed/)).toBeVisible();
	});
});
