import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { limitsUnavailable } from '../../scripts/lib/limits-host.ts';
import { labRegion, lessonOf } from './lab-helpers.ts';
import { bridgeLimitsHost } from './support/limits-bridge.ts';

// The page's in-browser runtime recovering from a session that died, driven through the workspace
// in chromium. The session is the bundle this site serves, run under WebContainer-like limits by
// the test (support/limits-bridge.ts); this machine cannot boot a WebContainer, so none runs here.

const unavailable = limitsUnavailable();

/** The lab's solution, as the workspace keeps a learner's files in storage. `slower` runs through
 * each file's text first. */
function solutionStorage(lab: string, slower: (name: string, text: string) => string): string {
	const folder = join('labs', lab, 'solution');
	const files = Object.fromEntries(
		readdirSync(folder).map((name) => [
			name,
			slower(name, readFileSync(join(folder, name), 'utf8')),
		]),
	);
	return JSON.stringify({ version: 1, files, savedAt: Date.now() });
}

/** Makes the orders-api solution wait 150 ms before each answer. */
function slowAnswers(name: string, text: string): string {
	if (name !== 'server.js') return text;
	const line = 'const server = createServer((req, res) => {';
	if (!text.includes(line)) throw new Error(`The solution's server.js no longer holds: ${line}`);
	return text.replace(
		line,
		'const server = createServer(async (req, res) => {\n\tawait new Promise((resolve) => setTimeout(resolve, 150));',
	);
}

test.describe('session under WebContainer-like limits, behind the page', () => {
	test.skip(unavailable !== undefined, unavailable ?? '');

	test('checks cut off by a session that died end with the reason, and the next run passes on the fresh one', async ({
		page,
	}) => {
		test.setTimeout(60_000);
		const bridged = await bridgeLimitsHost(page);
		try {
			const lab = 'orders-api';
			await page.addInitScript(([key, value]) => localStorage.setItem(key, value), [
				`lab:${lab}:files`,
				// Every answer waits 150 ms, so the suite (three checks at a time) is still running
				// when the session is made to die; still correct, it passes on the fresh session.
				solutionStorage(lab, slowAnswers),
			] as const);
			await page.goto(`${lessonOf[lab]}?runtime=webcontainer`);
			const region = labRegion(page, lab);
			await region.scrollIntoViewIfNeeded();
			await expect(
				region.getByText(
					'Runs on: in-browser runtime (session under WebContainer-like limits, a test host, not a WebContainer).',
				),
			).toBeVisible({ timeout: 20_000 });

			const button = region.getByRole('button', { name: 'Run checks' });
			await button.click();
			await expect(
				region
					.getByRole('listitem')
					.filter({ hasText: /\bPassed\b/ })
					.first(),
			).toBeVisible({ timeout: 20_000 });
			await bridged.host.crash();

			await expect(
				region.getByText(
					/^The in-browser session ended \(exit code -?\d+\); starting a fresh one\. These checks did not finish: run the checks again\.$/,
				),
			).toBeVisible({ timeout: 10_000 });
			await expect(button).not.toHaveAttribute('aria-disabled');
			await expect(region.getByText(/^\d+ passed, \d+ failed/)).toHaveCount(0);

			await button.click();
			await expect(region.getByText(/^15 passed, 0 failed/)).toBeVisible({ timeout: 40_000 });
			expect(bridged.host.boots).toBe(2);
		} finally {
			await bridged.close();
		}
	});
});
