import { expect, test } from '@playwright/test';
import { labFile, openLab, replaceFile } from './lab-helpers.ts';

test.describe('lab request console', () => {
	test('shows the real response of the running program', async ({ page }) => {
		const region = await openLab(page, 'orders-api');
		await replaceFile(page, 'server.js', labFile('orders-api', 'solution', 'server.js'));
		await region.getByRole('button', { name: 'Run', exact: true }).click();
		const output = region.getByRole('region', { name: 'Output' });
		await expect(output.getByText(/Your program listens on port \d+/)).toBeVisible({
			timeout: 15_000,
		});
		await expect(output.getByText(/^Orders API listening on/)).toBeVisible();

		await region.getByLabel('Path', { exact: true }).fill('/products');
		await region.getByRole('button', { name: 'Send request' }).click();
		await expect(region.getByText(/^GET \/products → 200 · \d+ ms$/)).toBeVisible();
		const products = JSON.parse(labFile('orders-api', 'starter', 'products.json')) as {
			name: string;
		}[];
		const body = region.getByLabel('Response body');
		await expect(body).toContainText(products[0]?.name ?? '');
		await expect(region.getByLabel('Response headers')).toContainText('application/json');

		// The console sends the playground's token, so an order can be placed by hand too.
		await region.getByLabel('Method', { exact: true }).selectOption('POST');
		await region.getByLabel('Path', { exact: true }).fill('/orders');
		await region
			.getByLabel(/^Headers/)
			.fill('Authorization: Bearer nope\nContent-Type: application/json');
		await region.getByLabel('Body', { exact: true }).fill('{"productId":"x","quantity":1}');
		await region.getByRole('button', { name: 'Send request' }).click();
		await expect(region.getByText(/^POST \/orders → 401 · \d+ ms$/)).toBeVisible();

		await region.getByRole('button', { name: 'Stop' }).click();
		await expect(output.getByText('Stopped.')).toBeVisible();
	});
});
