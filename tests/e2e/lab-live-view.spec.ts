import { expect, type Locator, test } from '@playwright/test';
import { labFile, openLab, savedFiles } from './lab-helpers.ts';

/** The number of requests a backend's row reports. */
async function requestsOf(row: Locator): Promise<number> {
	const text = (await row.textContent()) ?? '';
	return Number(/(\d+) requests/.exec(text)?.[1] ?? Number.NaN);
}

test.describe('lab live view', () => {
	test('a stopped backend shows as down and its bar stops growing while the others grow', async ({
		page,
	}) => {
		test.setTimeout(60_000);
		const region = await openLab(page, 'round-robin');

		// Take the reference solution through the workspace's own Show solution flow.
		await region.getByRole('button', { name: 'Show solution' }).click();
		await region.getByRole('button', { name: 'Use the solution…' }).click();
		await page
			.getByRole('dialog', { name: 'Use the solution?' })
			.getByRole('button', { name: 'Use the solution' })
			.click();
		await expect(region.getByText('Your files now hold the solution.')).toBeVisible();
		expect((await savedFiles(page, 'round-robin'))['lb.js']).toBe(
			labFile('round-robin', 'solution', 'lb.js'),
		);

		await region.getByRole('button', { name: 'Run', exact: true }).click();
		const backends = region.getByRole('region', { name: 'Backends' });
		const rows = backends.getByRole('listitem');
		await expect(rows).toHaveCount(3, { timeout: 15_000 });
		const first = rows.filter({ hasText: 'backend 1' });
		const others = [rows.filter({ hasText: 'backend 2' }), rows.filter({ hasText: 'backend 3' })];

		await backends.getByRole('button', { name: 'Send traffic' }).click();
		await expect.poll(() => requestsOf(first)).toBeGreaterThan(2);

		await backends.getByRole('button', { name: 'Stop backend 1' }).click();
		await expect(first.getByText('down', { exact: true })).toBeVisible();
		await expect(backends.getByRole('button', { name: 'Start backend 1' })).toBeVisible();
		const stoppedAt = await requestsOf(first);
		const before = await Promise.all(others.map(requestsOf));
		for (const [index, row] of others.entries()) {
			await expect
				.poll(() => requestsOf(row), { timeout: 10_000 })
				.toBeGreaterThan((before[index] ?? 0) + 4);
		}
		expect(await requestsOf(first)).toBe(stoppedAt);

		await backends.getByRole('button', { name: 'Send traffic' }).click();
		await region.getByRole('button', { name: 'Stop', exact: true }).click();
	});
});
