// How requests are routed: by path shape and method, never by query string, with 404 and 405 for
// the requests that match nothing.
import {
	expectHeader,
	expectJson,
	expectJsonError,
	type Check,
	type GraderRequest,
} from '../../../src/harness/index.ts';
import { expectStatusFor, startApi } from '../support/api.ts';
import { orderPath, readOrder, sameProduct } from '../support/readers.ts';
import { placeOrder } from './orders.ts';

const JSON_BODY = { headers: { 'Content-Type': 'application/json' }, body: '{}' };

/** The grader sends a body only with methods that take one. */
function withBodyIfAny(method: string, path: string): GraderRequest {
	return ['POST', 'PUT', 'PATCH'].includes(method)
		? { method, path, ...JSON_BODY }
		: { method, path };
}

export const methodNotAllowed: Check = {
	id: 'method-not-allowed',
	title: 'A known path with a method it does not accept answers 405 with an Allow header',
	async run(ctx) {
		const api = await startApi(ctx);
		const order = await placeOrder(ctx, api);
		const productPath = `/products/${api.anyProduct().id}`;
		const cases: [string, string, string][] = [
			[ctx.random.pick(['POST', 'PUT', 'DELETE']), '/products', 'GET'],
			[ctx.random.pick(['PUT', 'PATCH', 'DELETE']), productPath, 'GET'],
			// GET /orders is the likeliest to be routed by mistake, so it is always tried.
			['GET', '/orders', 'POST'],
			[ctx.random.pick(['PUT', 'DELETE']), '/orders', 'POST'],
			[ctx.random.pick(['PUT', 'PATCH', 'DELETE']), orderPath(order.id), 'GET'],
		];
		for (const [method, path, allowed] of cases) {
			const res = await ctx.request(api.program, withBodyIfAny(method, path));
			expectStatusFor(ctx, res, 405, `${method} ${path} (the path accepts only ${allowed})`);
			expectHeader(
				res,
				'allow',
				(value) => value.split(',').some((item) => item.trim() === allowed),
				`a list that includes ${allowed}`,
			);
		}
	},
};

export const unknownPath404: Check = {
	id: 'unknown-path-404',
	title: 'Any other path answers 404 with a JSON error, whatever the method',
	async run(ctx) {
		const api = await startApi(ctx);
		const word = ctx.random.word();
		const cases: [string, string][] = [
			['GET', `/${word}`],
			['POST', `/${ctx.random.word()}/${ctx.random.id('x')}`],
			['GET', `/products/${api.anyProduct().id}/${ctx.random.word()}`],
			['DELETE', `/${ctx.random.word()}`],
		];
		// Known paths behind another segment, or followed by one: a pattern that is not anchored at
		// both ends serves them. An order exists, so a lookup that matched would answer 200.
		const order = await placeOrder(ctx, api);
		const prefix = `/${ctx.random.word()}`;
		cases.push(
			['GET', `${prefix}/products`],
			['GET', `${prefix}/products/${api.anyProduct().id}`],
			['POST', `${prefix}/orders`],
			['GET', `${prefix}${orderPath(order.id)}`],
			['GET', `${orderPath(order.id)}/${ctx.random.word()}`],
		);
		for (const [method, path] of cases) {
			const res = await ctx.request(api.program, withBodyIfAny(method, path));
			expectStatusFor(ctx, res, 404, `${method} ${path} (a path the API does not have)`);
			expectJsonError(res, 404);
		}
	},
};

export const ignoresQueryString: Check = {
	id: 'ignores-query-string',
	title: 'A query string does not change which route answers',
	async run(ctx) {
		const api = await startApi(ctx);
		const query = () => `?${ctx.random.word(3)}=${ctx.random.word(4)}`;

		const listPath = `/products${query()}`;
		const list = await api.get(listPath);
		expectStatusFor(ctx, list, 200, `GET ${listPath}`);
		const items = expectJson(list);
		if (!Array.isArray(items) || items.length !== api.products.length) {
			ctx.fail(
				`Expected GET ${listPath} to list all ${api.products.length} products`,
				list.request,
			);
		}

		const product = api.anyProduct();
		const productPath = `/products/${product.id}${query()}`;
		const one = await api.get(productPath);
		expectStatusFor(ctx, one, 200, `GET ${productPath}`);
		if (!sameProduct(expectJson(one), product)) {
			ctx.fail(
				`Expected GET ${productPath} to return ${JSON.stringify(product)}, got ${one.text()}`,
				one.request,
			);
		}

		const ordersPath = `/orders${query()}`;
		const body = JSON.stringify({ productId: product.id, quantity: 2 });
		const created = await api.post(body, { path: ordersPath });
		expectStatusFor(ctx, created, 201, `POST ${ordersPath} with the right token`);
		const order = readOrder(ctx, expectJson(created), created.request);

		const readPath = `${orderPath(order.id)}${query()}`;
		const read = await api.get(readPath);
		expectStatusFor(ctx, read, 200, `GET ${readPath}`);
		if (readOrder(ctx, expectJson(read), read.request).id !== order.id) {
			ctx.fail(
				`Expected GET ${readPath} to return order ${order.id}, got ${read.text()}`,
				read.request,
			);
		}
	},
};
