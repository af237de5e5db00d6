import { expect, test } from '@playwright/test';
import { builtPages } from './support/built-pages.ts';

test.describe('cross-origin isolation', () => {
	test('every built page, the 404 page included, is cross-origin isolated', async ({ page }) => {
		const pages = builtPages();
		test.setTimeout(10_000 + pages.length * 3_000);
		for (const path of pages) {
			await test.step(path, async () => {
				const response = await page.goto(path);
				expect(response?.headers()['cross-origin-opener-policy']).toBe('same-origin');
				expect(response?.headers()['cross-origin-embedder-policy']).toBe('require-corp');
				expect(await page.evaluate(() => self.crossOriginIsolated), path).toBe(true);
			});
		}
	});

	test('no page loads anything from another origin', async ({ page, baseURL }) => {
		const origin = new URL(baseURL ?? '').origin;
		const foreign: string[] = [];
		page.on('request', (request) => {
			if (new URL(request.url()).origin !== origin) foreign.push(request.url());
		});
		for (const path of builtPages()) await page.goto(path, { waitUntil: 'load' });
		expect(foreign).toEqual([]);
	});
});
