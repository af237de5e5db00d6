import { expect, test } from '@playwright/test';
import { openLab, runChecks } from './lab-helpers.ts';

// A failed check's curl line points at ports closed once the check ends; "Try this request" puts
// the same request into the request console, to send to the program the learner runs.
test('a failed check’s request, tried in the console, gets an answer from the running program', async ({
	page,
}) => {
	test.setTimeout(90_000);
	const region = await openLab(page, 'orders-api');
	await runChecks(region);
	const first = region
		.getByRole('region', { name: 'Checks' })
		.getByRole('listitem')
		.filter({ hasText: 'Failed' })
		.first();
	const curl = (await first.getByText(/^curl -i /).textContent()) ?? '';
	const path = /http:\/\/127\.0\.0\.1:\d+(\/\S*)/.exec(curl)?.[1] ?? '';
	expect(path).toMatch(/^\/products/);

	await region.getByRole('button', { name: 'Run', exact: true }).click();
	await expect(region.getByText(/^Your program listens on port \d+\.$/)).toBeVisible({
		timeout: 15_000,
	});
	await first.getByRole('button', { name: 'Try this request' }).click();
	const console = region.getByRole('region', { name: 'Send a request' });
	await expect(console.getByRole('button', { name: 'Send request' })).toBeFocused();
	await expect(console.getByLabel('Path')).toHaveValue(path);
	await expect(console.getByLabel('Method')).toHaveValue('GET');
	await page.keyboard.press('Enter');
	await expect(
		console.getByText(new RegExp(`^GET ${path.replace(/[?]/g, '\\?')} → 404 · \\d+ ms$`)),
	).toBeVisible();
	await region.getByRole('button', { name: 'Stop', exact: true }).click();
});
