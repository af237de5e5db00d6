import { expect, test } from '@playwright/test';
import { openLab, runChecks } from './lab-helpers.ts';

// The orders-api starter answers 404 to every path, so all of its failing checks have that one
// cause: the panel shows the first failure in full and the others as one line each.
test.describe('grouped failures', () => {
	test('a starter shows its first failure in full and the failures with the same cause as one line each', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		const region = await openLab(page, 'orders-api');
		await runChecks(region);

		const checks = region.getByRole('region', { name: 'Checks' });
		const failed = checks.getByRole('listitem').filter({ hasText: 'Failed' });
		const sameCause = failed.filter({ hasText: /^✗.*Same cause as “/ });
		const first = failed.first();
		await expect(first).toContainText(/Expected status \d+ for GET \/products, got 404/);
		await expect(first.getByText(/^curl -i /)).toBeVisible();
		await expect(first.getByText(/^Same cause as/)).toHaveCount(0);
		// The first failure also says how to replay it on one's own machine, with this run's data.
		await expect(
			first.getByText(
				/^npm run lab -- replay orders-api <your-folder> --check [a-z-]+ --seed \d+$/,
			),
		).toBeVisible();

		// Every later failure points at the first one and hides its own message and curl line.
		const failures = await failed.count();
		expect(failures).toBeGreaterThan(2);
		await expect(sameCause).toHaveCount(failures - 1);
		const firstTitle = (await first.locator('.lab-check-title').textContent()) ?? '';
		await expect(sameCause.first().getByText(`Same cause as “${firstTitle}”`)).toBeVisible();
		await expect(checks.getByText(/^curl -i /)).toHaveCount(1);
		await expect(
			region.getByText(
				new RegExp(
					`^\\d+ passed, ${failures} failed in [\\d.]+ s\\. The ${failures} failures have one cause: start with the first\\.$`,
				),
			),
		).toBeVisible();

		// Its own message is one click away.
		const second = sameCause.first();
		await expect(second.getByText(/^Expected status/)).toBeHidden();
		await second.getByText(/^Same cause as/).click();
		await expect(second.getByText(/^Expected status \d+ for .*, got 404/)).toBeVisible();
	});
});
