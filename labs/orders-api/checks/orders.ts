// The order half of the API: creating an order with the token, reading it back without one.
import {
	expectHeader,
	expectJson,
	expectJsonError,
	type Check,
	type CheckContext,
} from '../../../src/harness/index.ts';
import { expectStatusFor, startApi, type Api } from '../support/api.ts';
import { describeOrder, orderPath, readOrder, type Order } from '../support/readers.ts';

/** Places one valid order and checks the 201 answer in full; returns the order as created. */
export async function placeOrder(ctx: CheckContext, api: Api, quantity?: number): Promise<Order> {
	const product = api.anyProduct();
	// At least 2 by default, so a program that ignores the quantity gets the total wrong.
	const wanted = quantity ?? ctx.random.int(2, 9);
	const res = await api.post(JSON.stringify({ productId: product.id, quantity: wanted }));
	expectStatusFor(ctx, res, 201, `POST /orders of ${wanted} × ${product.id} with the right token`);
	const order = readOrder(ctx, expectJson(res), res.request);
	const expected = {
		productId: product.id,
		quantity: wanted,
		totalCents: product.priceCents * wanted,
	};
	for (const [field, value] of Object.entries(expected)) {
		const actual = order[field as keyof typeof expected];
		if (actual !== value) {
			ctx.fail(
				`Expected the new order's "${field}" to be ${value}, got ${JSON.stringify(actual)}`,
				res.request,
			);
		}
	}
	expectHeader(
		res,
		'location',
		(value) => value === `/orders/${order.id}`,
		`/orders/${order.id} (the new order's path)`,
	);
	return order;
}

export const createsOrder: Check = {
	id: 'creates-order',
	title: 'POST /orders with the token answers 201, the order with its total, and its Location',
	async run(ctx) {
		const api = await startApi(ctx);
		await placeOrder(ctx, api);
		await placeOrder(ctx, api, 1);
	},
};

export const getsOrder: Check = {
	id: 'gets-order',
	title: 'GET /orders/{id} returns the order as created without a token, and 404 for an unknown id',
	async run(ctx) {
		const api = await startApi(ctx);
		const orders = [await placeOrder(ctx, api), await placeOrder(ctx, api)];
		// Read them back newest first, so a program that only remembers the last order is caught.
		for (const created of orders.reverse()) {
			const res = await api.get(orderPath(created.id));
			expectStatusFor(ctx, res, 200, `GET ${orderPath(created.id)} (no token needed)`);
			const order = readOrder(ctx, expectJson(res), res.request);
			if (describeOrder(order) !== describeOrder(created)) {
				ctx.fail(
					`Expected GET ${orderPath(created.id)} to return the order as created, ${describeOrder(created)}, got ${describeOrder(order)}`,
					res.request,
				);
			}
		}
		const unknown = ctx.random.id('o');
		const res = await api.get(`/orders/${unknown}`);
		expectStatusFor(ctx, res, 404, `GET /orders/${unknown} (no such order)`);
		expectJsonError(res, 404);
	},
};

export const uniqueOrderIds: Check = {
	id: 'unique-order-ids',
	title: 'Every order gets its own id, even for identical or simultaneous orders',
	async run(ctx) {
		const api = await startApi(ctx);
		const body = JSON.stringify({ productId: api.anyProduct().id, quantity: 1 });
		const sequential: Order[] = [];
		for (let i = 0; i < 3; i++) sequential.push(await placeOrder(ctx, api, 1));
		const concurrent = await Promise.all([1, 2, 3, 4].map(() => api.post(body)));
		const orders = [...sequential];
		for (const res of concurrent) {
			expectStatusFor(ctx, res, 201, 'POST /orders sent with others at the same time');
			orders.push(readOrder(ctx, expectJson(res), res.request));
		}
		const seen = new Map<string, number>();
		orders.forEach((order, index) => {
			const earlier = seen.get(order.id);
			if (earlier !== undefined) {
				ctx.fail(
					`Expected every order to get its own id, but orders ${earlier + 1} and ${index + 1} both got ${JSON.stringify(order.id)}`,
				);
			}
			seen.set(order.id, index);
		});
		// Each id must also lead back to its own order.
		for (const created of orders) {
			const res = await api.get(orderPath(created.id));
			expectStatusFor(ctx, res, 200, `GET ${orderPath(created.id)}`);
			const order = readOrder(ctx, expectJson(res), res.request);
			if (order.id !== created.id || order.productId !== created.productId) {
				ctx.fail(
					`Expected GET ${orderPath(created.id)} to return ${describeOrder(created)}, got ${describeOrder(order)}`,
					res.request,
				);
			}
		}
	},
};
