// Authorised orders that the program must refuse with 400: each check covers one kind of mistake
// a client can make, so a failure says which kind the program let through.
import { expectJsonError, type Check, type CheckContext } from '../../../src/harness/index.ts';
import { expectStatusFor, startApi, type Api } from '../support/api.ts';

/** One bad body and the words that describe it in a failure message. */
type Case = [body: string, what: string];

async function expectBadRequests(ctx: CheckContext, api: Api, cases: Case[]): Promise<void> {
	for (const [body, what] of cases) {
		const res = await api.post(body);
		expectStatusFor(ctx, res, 400, `POST /orders (right token) with ${what}`);
		expectJsonError(res, 400);
	}
}

export const rejectsInvalidJson: Check = {
	id: 'rejects-invalid-json',
	title: 'An authorised POST /orders whose body is not JSON answers 400 with a JSON error',
	async run(ctx) {
		const api = await startApi(ctx);
		const id = api.anyProduct().id;
		await expectBadRequests(ctx, api, [
			[`{"productId": "${id}", "quantity": `, 'a truncated JSON body'],
			[`productId=${id}&quantity=2`, 'a form-encoded body'],
			[`{'productId': '${id}', 'quantity': 2}`, 'single-quoted pseudo-JSON'],
			['', 'an empty body'],
		]);
	},
};

export const rejectsMissingFields: Check = {
	id: 'rejects-missing-fields',
	title: 'An authorised POST /orders without productId or quantity answers 400 with a JSON error',
	async run(ctx) {
		const api = await startApi(ctx);
		const id = api.anyProduct().id;
		await expectBadRequests(ctx, api, [
			[JSON.stringify({ quantity: ctx.random.int(1, 5) }), 'no productId'],
			[JSON.stringify({ productId: id }), 'no quantity'],
			['{}', 'an empty JSON object'],
			['null', 'the JSON value null'],
			[JSON.stringify([{ productId: id, quantity: 1 }]), 'an array instead of an object'],
		]);
	},
};

export const rejectsBadQuantity: Check = {
	id: 'rejects-bad-quantity',
	title: 'An authorised POST /orders whose quantity is not an integer of at least 1 answers 400',
	async run(ctx) {
		const api = await startApi(ctx);
		const id = api.anyProduct().id;
		const n = ctx.random.int(2, 9);
		const order = (quantity: unknown): string => JSON.stringify({ productId: id, quantity });
		await expectBadRequests(ctx, api, [
			[order(String(n)), `quantity "${n}" (a string, not a number)`],
			[order(0), 'quantity 0'],
			[order(-n), `quantity ${-n}`],
			[order(n + 0.5), `quantity ${n + 0.5}`],
			[order(true), 'quantity true'],
			[order(null), 'quantity null'],
		]);
	},
};

export const rejectsUnknownProduct: Check = {
	id: 'rejects-unknown-product',
	title: 'An authorised POST /orders naming a product that is not in the catalogue answers 400',
	async run(ctx) {
		const api = await startApi(ctx);
		const known = api.anyProduct().id;
		const order = (productId: unknown): string => JSON.stringify({ productId, quantity: 1 });
		await expectBadRequests(ctx, api, [
			[order(ctx.random.id('p')), 'a productId that is not in products.json'],
			[order(known.toUpperCase()), `productId "${known.toUpperCase()}" (ids are case-sensitive)`],
			[order(known.slice(0, -1)), `productId "${known.slice(0, -1)}" (a prefix of a real id)`],
			[order(ctx.random.int(1, 99)), 'a number as productId'],
			// A catalogue kept in a plain object finds inherited keys such as this one.
			[order('constructor'), 'productId "constructor"'],
		]);
	},
};
