import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Runs axe on the page as it is now in both colour schemes, for states that only exist after
 * an interaction (a graded quiz, an open dialog, search results), which the page sweep never sees. */
export async function expectAccessibleInBothThemes(page: Page, what: string): Promise<void> {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const { violations } = await new AxeBuilder({ page }).analyze();
		const summary = violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
		expect(summary, `axe violations in ${what} (${colorScheme})`).toEqual([]);
	}
}
