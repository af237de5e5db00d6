// No malformed request may take the server down: the next client must still be served.
import { CheckFailure, type Check, type GraderRequest } from '../../../src/harness/index.ts';
import { expectStatusFor, startApi } from '../support/api.ts';
import { placeOrder } from './orders.ts';

export const keepsServing: Check = {
	id: 'keeps-serving',
	title: 'After a run of bad requests the server still answers good ones',
	async run(ctx) {
		const api = await startApi(ctx);
		const auth = { Authorization: `Bearer ${api.token}`, 'Content-Type': 'application/json' };
		const post = (body: string, headers: Record<string, string> = auth): GraderRequest => ({
			method: 'POST',
			path: '/orders',
			headers,
			body,
		});
		// A crash may only show on the request after the one that caused it, so the message names both.
		const survive = async (request: GraderRequest, what: string, before: string | undefined) => {
			try {
				return await ctx.request(api.program, request);
			} catch (error) {
				if (!(error instanceof CheckFailure)) throw error;
				const after = before === undefined ? '' : ` (sent after ${before})`;
				return ctx.fail(
					`Expected the server to keep serving through bad requests, but ${what}${after} got no answer: ${error.message}`,
					error.request,
				);
			}
		};
		// Only survival is judged here: the other checks judge the status of each of these.
		const bad: [GraderRequest, string][] = [
			[post('{"productId": '), 'a POST /orders that is not JSON'],
			[post('null'), 'a POST /orders with the body null'],
			[post('"order"'), 'a POST /orders with a JSON string as body'],
			[
				post('{"productId": {"id": 1}, "quantity": {"n": 2}}'),
				'a POST /orders with objects as fields',
			],
			[post('{}', { 'Content-Type': 'application/json' }), 'a POST /orders without a token'],
			[{ method: 'DELETE', path: `/orders/${ctx.random.id('o')}` }, 'a DELETE /orders/{id}'],
			[{ method: 'GET', path: `/${ctx.random.word()}` }, 'a GET of an unknown path'],
		];
		let previous: string | undefined;
		for (const [request, what] of bad) {
			await survive(request, what, previous);
			previous = what;
		}
		const res = await survive({ method: 'GET', path: '/products' }, 'GET /products', previous);
		expectStatusFor(ctx, res, 200, `GET /products after ${previous ?? 'bad requests'}`);
		await placeOrder(ctx, api);
	},
};
