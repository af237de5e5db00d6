import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { openLab, replaceFile, runChecks } from './lab-helpers.ts';

// A failed check's curl line points at ports closed once the check ends; "Try this request" puts
// the same request into the request console and has the local runtime run the check again with the
// run's seed, leaving the program and the check's own fake backends up, so the request gets the
// answer the check got. The balancer here answers 500 when a backend refuses the connection: only
// the check's refusing backend shows it, never the three live backends a Run press starts.
const answers500 = readFileSync(
	'labs/round-robin/fixtures/refused-backend-answers-500/lb.js',
	'utf8',
);

test('a failed check’s request, tried in the console, meets the check’s own backends again', async ({
	page,
}) => {
	test.setTimeout(90_000);
	const region = await openLab(page, 'round-robin');
	await replaceFile(page, 'lb.js', answers500);
	await runChecks(region);
	const failed = region
		.getByRole('region', { name: 'Checks' })
		.getByRole('listitem')
		.filter({ hasText: 'A backend that refuses connections' });
	await expect(failed.getByText(/but the client got 500/)).toBeVisible();
	const curl = (await failed.getByText(/^curl -i /).textContent()) ?? '';
	const path = /http:\/\/127\.0\.0\.1:\d+(\/\S*)/.exec(curl)?.[1] ?? '';
	expect(path).not.toBe('');

	await failed.getByRole('button', { name: 'Try this request' }).click();
	const console = region.getByRole('region', { name: 'Send a request' });
	const send = console.getByRole('button', { name: 'Send request' });
	await expect(send).toBeFocused();
	await expect(console.getByLabel('Path')).toHaveValue(path);
	await expect(console.getByLabel('Method')).toHaveValue('GET');
	await expect(
		console.getByRole('status').filter({
			hasText:
				"Replaying check A backend that refuses connections gets 502 and keeps its turn: your program with the check's backends",
		}),
	).toBeVisible({ timeout: 20_000 });

	// The balancer goes on taking turns from where the check left it: within one round of the
	// check's 2 to 5 backends, the refusing backend's turn comes and gets the check's 500.
	const answered = console.getByText(/ → \d+ · \d+ ms$/);
	const got500 = console.getByText(new RegExp(` → 500 · \\d+ ms$`));
	for (let sent = 1; sent <= 5 && (await got500.count()) === 0; sent++) {
		await send.click();
		await expect(answered).toHaveCount(sent);
	}
	await expect(got500.first()).toBeAttached();
	await expect(console.getByText('Status 500', { exact: false }).first()).toBeAttached();

	await region.getByRole('button', { name: 'Stop', exact: true }).click();
	await expect(region.getByText(/^The replay of check .+ stopped\.$/)).toBeVisible();
	await expect(console.getByRole('status')).toBeHidden();
});
