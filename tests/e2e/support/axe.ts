import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

/** Each violation as one line, its rule and the elements it found, so a failure reads at once. */
export function violationList(result: Awaited<ReturnType<AxeBuilder['analyze']>>): string[] {
	return result.violations.map(
		(v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
	);
}

/** Runs axe on the page as it is now in both colour schemes, for states that only exist after
 * an interaction (a graded quiz, an open dialog, search results), which the page sweep never sees.
 * `within` limits the audit to the part that changed: the page sweep already audits the rest, and
 * axe over a long lesson is slow on a busy machine. */
export async function expectAccessibleInBothThemes(
	page: Page,
	what: string,
	within?: string,
): Promise<void> {
	for (const colorScheme of ['light', 'dark'] as const) {
		await page.emulateMedia({ colorScheme });
		const builder = new AxeBuilder({ page });
		if (within) builder.include(within);
		expect(
			violationList(await builder.analyze()),
			`axe violations in ${what} (${colorScheme})`,
		).toEqual([]);
	}
}
