import { expect, test } from '@playwright/test';
import { editor, labRegion, openLab, replaceFile } from './lab-helpers.ts';

// Small things a learner meets at once: what the lab is called, and whether a slow button is working.
test.describe('lab workspace details', () => {
	test('the lab heading names the work from its definition, and the line above it names the lab id', async ({
		page,
	}) => {
		const { default: lab } = await import('../../labs/round-robin/checks.ts');
		await page.goto('/lessons/practice/round-robin/');
		const region = labRegion(page, 'round-robin');
		await expect(
			region.getByRole('heading', { level: 2, name: lab.title, exact: true }),
		).toBeVisible();
		await expect(
			region.getByText('Lab: round-robin', { exact: true }).filter({ visible: true }),
		).toBeVisible();
		await expect(page.getByRole('heading', { name: 'Lab: round-robin' })).toHaveCount(0);
	});

	test('Show solution says it is opening the solution until the diff is shown, and ignores a second press', async ({
		page,
	}) => {
		const region = await openLab(page, 'round-robin');
		const show = region.getByRole('button', { name: 'Show solution' });
		// The busy state is read in the same task as the click, so a fast machine cannot skip past it.
		const during = await show.evaluate((button: HTMLButtonElement) => {
			button.click();
			button.click();
			return {
				busy: button.getAttribute('aria-busy'),
				disabled: button.getAttribute('aria-disabled'),
				text: button.textContent,
			};
		});
		expect(during).toEqual({ busy: 'true', disabled: 'true', text: 'Opening the solution…' });
		await expect(region.getByRole('textbox', { name: 'Solution, lb.js' })).toBeAttached();
		await expect(region.getByRole('button', { name: 'Show solution' })).not.toHaveAttribute(
			'aria-busy',
		);
		await expect(region.getByRole('button', { name: 'Hide solution' })).toBeVisible();
	});

	test('the editor keeps colouring a block comment as a comment on a machine slowed twentyfold', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		const warnings: string[] = [];
		page.on('console', (message) => {
			if (message.text().includes('Time limit reached when tokenizing'))
				warnings.push(message.text());
		});
		await openLab(page, 'round-robin');
		const cdp = await page.context().newCDPSession(page);
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 20 });
		const lines = [
			'/*',
			' * A block comment that spans lines: `const x = 1;` here is a comment.',
			' */',
		];
		await replaceFile(page, 'lb.js', `${lines.join('\n')}\nconst answer = 42;\n`);
		const comment = editor(page, 'lb.js')
			.locator('xpath=ancestor::div[contains(@class,"monaco-editor")][1]')
			.getByText('A block comment that spans lines');
		await expect(comment).toBeVisible({ timeout: 30_000 });
		await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
		const colourOf = async (text: string) =>
			page
				.locator('.view-line span span')
				.filter({ hasText: text })
				.first()
				.evaluate((span) => getComputedStyle(span).color);
		expect(await colourOf('A block comment')).not.toBe(await colourOf('answer'));
		expect(warnings).toEqual([]);
	});
});
