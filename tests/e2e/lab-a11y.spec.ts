import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { openLab, runChecks } from './lab-helpers.ts';

// The workspace with every panel in use: results, output, a response, a hint, the live view and
// the solution diff, in both colour schemes, since contrast problems often hide in only one.
for (const scheme of ['light', 'dark'] as const) {
	test(`the lab workspace in use passes an axe audit in the ${scheme} theme`, async ({ page }) => {
		test.setTimeout(90_000);
		await page.emulateMedia({ colorScheme: scheme });
		const region = await openLab(page, 'round-robin');
		await runChecks(region);
		await region.getByRole('button', { name: 'Run', exact: true }).click();
		await expect(
			region.getByRole('region', { name: 'Backends' }).getByRole('listitem'),
		).toHaveCount(3);
		await region.getByRole('button', { name: 'Send request' }).click();
		await expect(region.getByText(/^GET \/ → \d+ · \d+ ms$/)).toBeVisible();
		await region.getByRole('button', { name: /^Show hint 1 of/ }).click();
		await region.getByRole('button', { name: 'Show solution' }).click();
		await expect(region.getByRole('textbox', { name: 'Solution, lb.js' })).toBeAttached();

		const { violations } = await new AxeBuilder({ page }).include('[data-lab]').analyze();
		const summary = violations.map(
			(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
		);
		expect(summary).toEqual([]);
		await region.getByRole('button', { name: 'Stop', exact: true }).click();
	});
}
