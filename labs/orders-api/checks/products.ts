// The catalogue half of the API: listing every product and looking one up by id.
import { expectJson, expectJsonError, type Check } from '../../../src/harness/index.ts';
import { expectStatusFor, startApi } from '../support/api.ts';
import { sameProduct } from '../support/readers.ts';

export const listsProducts: Check = {
	id: 'lists-products',
	title: 'GET /products returns every product of products.json, in file order',
	async run(ctx) {
		const api = await startApi(ctx);
		const res = await api.get('/products');
		expectStatusFor(ctx, res, 200, 'GET /products');
		const list = expectJson(res);
		if (!Array.isArray(list)) {
			return ctx.fail(
				`Expected GET /products to return a JSON array, got ${typeof list}`,
				res.request,
			);
		}
		if (list.length !== api.products.length) {
			return ctx.fail(
				`Expected GET /products to list the ${api.products.length} products of products.json, got ${list.length}`,
				res.request,
			);
		}
		api.products.forEach((product, index) => {
			if (!sameProduct(list[index], product)) {
				ctx.fail(
					`Expected product ${index + 1} of GET /products to be ${JSON.stringify(product)} (file order), got ${JSON.stringify(list[index])}`,
					res.request,
				);
			}
		});
	},
};

export const getsProduct: Check = {
	id: 'gets-product',
	title: 'GET /products/{id} returns that product, and 404 with a JSON error for an unknown id',
	async run(ctx) {
		const api = await startApi(ctx);
		// Two products, so that a program always answering with the first one is caught.
		for (const product of ctx.random.shuffle(api.products).slice(0, 2)) {
			const res = await api.get(`/products/${product.id}`);
			expectStatusFor(ctx, res, 200, `GET /products/${product.id}`);
			const body = expectJson(res);
			if (!sameProduct(body, product)) {
				ctx.fail(
					`Expected GET /products/${product.id} to return ${JSON.stringify(product)}, got ${JSON.stringify(body)}`,
					res.request,
				);
			}
		}
		const unknown = ctx.random.id('p');
		const res = await api.get(`/products/${unknown}`);
		expectStatusFor(ctx, res, 404, `GET /products/${unknown} (no such product)`);
		expectJsonError(res, 404);
	},
};
