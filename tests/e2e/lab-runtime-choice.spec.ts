import { expect, test } from '@playwright/test';
import { labRegion, openLab } from './lab-helpers.ts';

// Which runtime a lab page uses, and what it costs the learner. These pages are served by
// scripts/serve.ts, as `npm start` serves them, so the local runtime is there; a static host is
// played by answering /__runtime/session with 404. On this machine the WebContainer cannot boot:
// its frame on StackBlitz's origin never loads, and boot() neither resolves nor rejects.

/** Any request towards the in-browser runtime's host. */
const toStackBlitz = (url: string) => /stackblitz|webcontainer/i.test(new URL(url).hostname);

test.describe('lab runtime choice', () => {
	test('a page served by npm start runs the first checks on the local runtime at once', async ({
		page,
	}) => {
		const outside: string[] = [];
		page.on('request', (request) => {
			if (toStackBlitz(request.url())) outside.push(request.url());
		});
		const region = await openLab(page, 'orders-api', '');
		// Chosen when the lab came into view, before any click.
		await expect(region.getByText(/^Runs on: local runtime \(Node v\d+/)).toBeVisible();

		const clicked = Date.now();
		await region.getByRole('button', { name: 'Run checks' }).click();
		const firstResult = region
			.getByRole('listitem')
			.filter({ hasText: /\b(Passed|Failed|Skipped)\b/ })
			.first();
		await expect(firstResult).toBeVisible({ timeout: 20_000 });
		const firstMs = Date.now() - clicked;
		await expect(region.getByText(/^\d+ passed, \d+ failed/)).toBeVisible({ timeout: 60_000 });
		const lastMs = Date.now() - clicked;
		test.info().annotations.push({
			type: 'timing',
			description: `click to first result ${firstMs} ms, to summary ${lastMs} ms`,
		});

		// No time limit here: how fast the first result comes is the bench's to say (scripts/bench/
		// workspace.ts --first-run), and on a busy machine the sandbox alone can take seconds. A stall
		// would come from trying the in-browser runtime first, which these rule out.
		await expect(
			region.getByText('Starting the in-browser runtime…', { exact: false }),
		).toHaveCount(0);
		await expect(region.getByRole('progressbar', { name: 'Runtime start-up' })).toBeHidden();
		expect(outside).toEqual([]);
	});

	test('a static host boots the in-browser runtime early, gives up within its limit, and does not wait again after a reload', async ({
		page,
	}) => {
		test.setTimeout(75_000);
		await page.route('**/__runtime/session', (route) =>
			route.fulfill({ status: 404, body: 'Not found' }),
		);
		const region = await openLab(page, 'orders-api', '');
		expect(await page.evaluate(() => self.crossOriginIsolated)).toBe(true);
		// The boot starts when the lab comes into view, with its progress shown, before any click.
		await expect(
			region.getByText('Starting the in-browser runtime… (a first start can take 20 s)'),
		).toBeVisible();
		await expect(region.getByRole('progressbar', { name: 'Runtime start-up' })).toBeVisible();
		const gaveUp = region.getByText(
			'This lab cannot run here: The in-browser runtime did not start within 30 s, and no local runtime answered at /__runtime/session.',
		);
		await expect(gaveUp).toBeVisible({ timeout: 40_000 });
		await expect(region.getByRole('progressbar', { name: 'Runtime start-up' })).toBeHidden();
		await expect(
			region.getByText('npm run grade -- orders-api <your-folder>', { exact: false }).first(),
		).toBeVisible();

		// A reload in the same tab remembers the failure and says so at once.
		await page.reload();
		const again = labRegion(page, 'orders-api');
		await again.scrollIntoViewIfNeeded();
		await expect(
			again.getByText(/did not start within 30 s earlier in this tab, so it is not tried again/),
		).toBeVisible({ timeout: 5_000 });
		await expect(again.getByText('Starting the in-browser runtime…', { exact: false })).toHaveCount(
			0,
		);
		await again.getByRole('button', { name: 'Run checks' }).click();
		await expect(again.getByText('No runtime can run the checks on this page.')).toBeVisible();
		await expect(again.getByRole('tablist', { name: 'Files' })).toBeVisible();
	});
});
