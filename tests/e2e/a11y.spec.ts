import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { builtPages } from './support/built-pages.ts';

// Every page, in both colour schemes: contrast failures usually hide in only one of them.
for (const scheme of ['light', 'dark'] as const) {
	test(`every built page passes an axe audit in the ${scheme} theme`, async ({ page }) => {
		const pages = builtPages();
		test.setTimeout(10_000 + pages.length * 5_000);
		await page.emulateMedia({ colorScheme: scheme });
		for (const path of pages) {
			await test.step(path, async () => {
				await page.goto(path);
				await expect(page.getByRole('main')).toBeVisible();
				const { violations } = await new AxeBuilder({ page }).analyze();
				const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
				expect(summary, `axe violations on ${path} (${scheme})`).toEqual([]);
			});
		}
	});
}
