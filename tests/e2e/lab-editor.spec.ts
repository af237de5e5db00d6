import { expect, test } from '@playwright/test';
import { editor, labFile, openLab, replaceFile, savedFiles } from './lab-helpers.ts';

test.describe('lab workspace editor', () => {
	test('loads the editor with the starter files, data files locked', async ({ page }) => {
		const region = await openLab(page, 'orders-api');
		await expect(editor(page, 'server.js')).toBeAttached();
		await expect(region.getByRole('tab', { name: 'server.js' })).toHaveAttribute(
			'aria-selected',
			'true',
		);
		await region.getByRole('tab', { name: 'products.json (read-only)' }).click();
		await expect(editor(page, 'products.json')).toHaveAccessibleName(
			'Editor: products.json (read-only)',
		);
		await expect(region.getByText('Runs on: starts when you press Run')).toBeVisible();
	});

	test('Load editor loads the workspace and puts the cursor in the editor', async ({ page }) => {
		// The lab never comes into view for this page (an observer that never fires), so only the
		// button can load it; a short window alone left it near enough to load by itself at times.
		await page.addInitScript(() => {
			class NeverIntersecting {
				observe() {}
				unobserve() {}
				disconnect() {}
				takeRecords() {
					return [];
				}
			}
			window.IntersectionObserver = NeverIntersecting as unknown as typeof IntersectionObserver;
		});
		await page.setViewportSize({ width: 1280, height: 400 });
		await page.goto('/lessons/practice/orders-api/?runtime=local');
		await page.getByRole('button', { name: 'Load editor' }).click();
		await expect(editor(page, 'server.js')).toBeFocused({ timeout: 15_000 });
	});

	test('keeps an edit typed into a file after a reload', async ({ page }) => {
		await openLab(page, 'orders-api');
		await editor(page, 'server.js').focus();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// saved edit 42\n');
		await expect(page.getByText('// saved edit 42')).toBeVisible();
		// Saving is debounced; a reload right away must still keep the edit (pagehide flushes it).
		await page.reload();
		await openLab(page, 'orders-api');
		await expect(page.getByText('// saved edit 42')).toBeVisible();
		const files = await savedFiles(page, 'orders-api');
		expect(files['server.js']).toBe(
			`// saved edit 42\n${labFile('orders-api', 'starter', 'server.js')}`,
		);
	});

	test('resets to the starter after a confirmation, and Undo brings the edit back', async ({
		page,
	}) => {
		const region = await openLab(page, 'orders-api');
		await editor(page, 'server.js').focus();
		await page.keyboard.press('ControlOrMeta+Home');
		await page.keyboard.type('// about to be reset\n');
		await region.getByRole('button', { name: 'Reset to starter…' }).click();
		const dialog = page.getByRole('dialog', { name: 'Reset to the starter?' });
		await dialog.getByRole('button', { name: 'Cancel' }).click();
		await expect(page.getByText('// about to be reset')).toBeVisible();

		await region.getByRole('button', { name: 'Reset to starter…' }).click();
		await dialog.getByRole('button', { name: 'Reset files' }).click();
		await expect(region.getByText('Files reset to the starter.')).toBeVisible();
		await expect(page.getByText('// about to be reset')).toBeHidden();
		expect((await savedFiles(page, 'orders-api'))['server.js']).toBe(
			labFile('orders-api', 'starter', 'server.js'),
		);

		await region.getByRole('button', { name: 'Undo' }).click();
		await expect(region.getByText('Restored your previous files.')).toBeVisible();
		await expect(page.getByText('// about to be reset')).toBeVisible();
		expect((await savedFiles(page, 'orders-api'))['server.js']).toMatch(
			/^\/\/ about to be reset\n/,
		);
	});

	test('a solution that adds a module opens it in a new tab, and Reset closes it again', async ({
		page,
	}) => {
		const region = await openLab(page, 'health-checks');
		const tabs = region.getByRole('tablist', { name: 'Files' });
		await expect(tabs.getByRole('tab', { name: 'health.js' })).toHaveCount(0);

		await region.getByRole('button', { name: 'Show solution' }).click();
		await region.getByRole('combobox', { name: 'Solution file' }).selectOption('health.js');
		await region.getByRole('button', { name: 'Use the solution…' }).click();
		await page
			.getByRole('dialog', { name: 'Use the solution?' })
			.getByRole('button', { name: 'Use the solution' })
			.click();
		await expect(tabs.getByRole('tab', { name: 'health.js' })).toBeVisible();
		expect(await savedFiles(page, 'health-checks')).toMatchObject({
			'lb.js': labFile('health-checks', 'solution', 'lb.js'),
			'health.js': labFile('health-checks', 'solution', 'health.js'),
		});

		await region.getByRole('button', { name: 'Reset to starter…' }).click();
		await page
			.getByRole('dialog', { name: 'Reset to the starter?' })
			.getByRole('button', { name: 'Reset files' })
			.click();
		await expect(tabs.getByRole('tab', { name: 'health.js' })).toHaveCount(0);
		await region.getByRole('button', { name: 'Undo' }).click();
		await expect(tabs.getByRole('tab', { name: 'health.js' })).toBeVisible();
	});

	test('flags a misspelt Node API with a suggestion, and no reference solution shows an error', async ({
		page,
	}) => {
		test.setTimeout(90_000);
		for (const [lab, entry] of [
			['orders-api', 'server.js'],
			['round-robin', 'lb.js'],
			['health-checks', 'lb.js'],
			['caching', 'cache.js'],
		] as const) {
			await test.step(lab, async () => {
				await openLab(page, lab);
				await replaceFile(page, entry, "import http from 'node:http';\nhttp.createServr();\n");
				// Squiggles are the editor's only mark of a problem on the page; F8 then reads it out.
				const squiggles = page.locator('.squiggly-error');
				await expect(squiggles).not.toHaveCount(0, { timeout: 15_000 });
				await page.keyboard.press('F8');
				await expect(
					page
						.getByText(/Property 'createServr' does not exist .* Did you mean 'createServer'\?/)
						.first(),
				).toBeVisible();
				await page.keyboard.press('Escape');
				// Node's built-ins come from the editor's own small library: every solution must pass it.
				await replaceFile(page, entry, labFile(lab, 'solution', entry));
				await expect(squiggles).toHaveCount(0, { timeout: 15_000 });
			});
		}
	});

	test('a lesson without a lab loads none of the workspace code', async ({ page }) => {
		const scripts: string[] = [];
		page.on('request', (request) => {
			if (['script', 'stylesheet', 'fetch'].includes(request.resourceType()))
				scripts.push(request.url());
		});
		await page.goto('/lessons/foundations/introduction/');
		await page.getByRole('contentinfo').or(page.getByRole('main')).last().scrollIntoViewIfNeeded();
		expect(await page.locator('[data-lab]').count()).toBe(0);
		expect(scripts.filter((url) => /workspace|editor\.api|Lab\.astro|monaco/i.test(url))).toEqual(
			[],
		);
	});
});
