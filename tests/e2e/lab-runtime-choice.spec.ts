import { expect, test } from '@playwright/test';
import { openLab, runChecks } from './lab-helpers.ts';

// On this machine the WebContainer cannot boot: its frame on StackBlitz's origin never loads (the
// browser resolves no outside host), and boot() neither resolves nor rejects. The workspace must say
// so within its limit and carry on with the local runtime.
test.describe('lab runtime choice', () => {
	test('falls back to the local runtime when the in-browser runtime does not start within 8 s', async ({ page }) => {
		test.setTimeout(90_000);
		const region = await openLab(page, 'orders-api', '');
		expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
		await region.getByRole('button', { name: 'Run checks' }).click();
		await expect(region.getByText('Starting the in-browser runtime…')).toBeVisible();
		await expect(region.getByRole('progressbar', { name: 'Runtime start-up' })).toBeVisible();
		await expect(
			region.getByText('The in-browser runtime did not start within 8 s; using the local runtime.'),
		).toBeVisible({ timeout: 12_000 });
		await expect(region.getByText(/^Runs on: local runtime \(Node v\d+/)).toBeVisible();
		await expect(region.getByText(/^\d+ passed, \d+ failed/)).toBeVisible({ timeout: 60_000 });

		// The choice is made once per page: the next run starts at once.
		await runChecks(region);
		await expect(region.getByText('Starting the in-browser runtime…')).toBeHidden();
	});

	test('without any runtime, the lesson stays readable and says how to run the lab locally', async ({ page }) => {
		// A static host has no /__runtime/: its session endpoint answers 404 like any missing file.
		await page.route('**/__runtime/session', (route) => route.fulfill({ status: 404, body: 'Not found' }));
		const region = await openLab(page, 'orders-api');
		await region.getByRole('button', { name: 'Run checks' }).click();
		await expect(region.getByText('This lab cannot run here: No local runtime answered at /__runtime/session.')).toBeVisible();
		await expect(region.getByText('npm run grade -- orders-api <your-folder>', { exact: false }).first()).toBeVisible();
		await expect(region.getByText('No runtime can run the checks on this page.')).toBeVisible();
		await expect(region.getByRole('tablist', { name: 'Files' })).toBeVisible();
	});
});
