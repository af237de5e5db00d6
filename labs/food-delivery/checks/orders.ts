// Placing an order: priced from the API's own menu, charged under the client's Idempotency-Key,
// saved in the shared store and returned; and the requests that must be turned away before any
// charge.
import {
	expectJsonError,
	type Check,
	type CheckContext,
	type LearnerProgram,
} from '../../../src/harness/index.ts';
import type { Payments } from '../support/payments.ts';
import {
	CHECK_TIMEOUT_MS,
	describeItems,
	expectCharges,
	expectOrder,
	expectStored,
	newKey,
	postOrder,
	randomOrder,
	totalOf,
	withPlatform,
} from '../support/platform.ts';

export const createsOrder: Check = {
	id: 'creates-order',
	title: 'POST /orders charges once under the same Idempotency-Key and answers 201 with the order',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			const res = await postOrder(ctx, api, key, input);
			const [attempt] = payments.attempts;
			if (!attempt)
				return ctx.fail(
					`Expected POST /charges at the payment service, but it got none and the client got ${res.status}`,
					res.request,
				);
			if (attempt.key !== key) {
				ctx.fail(
					`Expected the charge to carry Idempotency-Key: ${key}, the client's own key, got ${JSON.stringify(attempt.key)}`,
					res.request,
				);
			}
			const total = totalOf(menu, input.items);
			if (attempt.amountCents !== total) {
				ctx.fail(
					`Expected the charge's JSON body to hold "amountCents": ${total} (${describeItems(menu, input.items)}, from menu.json), got ${JSON.stringify(attempt.amountCents)}`,
					res.request,
				);
			}
			const order = expectOrder(ctx, res, input, menu, payments, key);
			expectCharges(ctx, payments, [key]);
			await expectStored(ctx, api, order, 'the same server');
		}),
};

export const pricesFromMenu: Check = {
	id: 'prices-from-menu',
	title:
		'The charge is the menu price times the quantity of each dish, whatever amount the client sends',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const keys: string[] = [];
			for (let round = 0; round < 3; round++) {
				const key = newKey(ctx);
				const input = randomOrder(ctx, menu, 4);
				// A tampered app names its own price; the API must not even look at it.
				const claimed = ctx.random.int(1, 99);
				const body = { ...input, amountCents: claimed, totalCents: claimed };
				const res = await postOrder(ctx, api, key, body);
				expectOrder(ctx, res, input, menu, payments, key);
				keys.push(key);
			}
			expectCharges(ctx, payments, keys);
		}),
};

/** Sends each bad order and expects 400 with a JSON error, and no charge asked for. */
async function expectRefused(
	ctx: CheckContext,
	api: LearnerProgram,
	payments: Payments,
	cases: [string | undefined, unknown, string][],
): Promise<void> {
	for (const [key, body, why] of ctx.random.shuffle(cases)) {
		const res = await postOrder(ctx, api, key, body);
		if (res.status !== 400) {
			ctx.fail(`Expected 400 for an order with ${why}, got ${res.status}`, res.request);
		}
		expectJsonError(res, 400);
		if (payments.attempts.length > 0) {
			ctx.fail(
				`Expected no charge for an order with ${why}, but the payment service was asked for one (${JSON.stringify(payments.attempts[0]?.amountCents)} cents)`,
				res.request,
			);
		}
	}
}

export const rejectsBadRequests: Check = {
	id: 'rejects-bad-requests',
	title: 'An order without Idempotency-Key or with a bad body gets 400 and charges nothing',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const good = randomOrder(ctx, menu);
			await expectRefused(ctx, api, payments, [
				[undefined, good, 'no Idempotency-Key header'],
				[newKey(ctx), '{"customer": ', 'a body that is not JSON'],
				[newKey(ctx), { items: good.items }, 'no customer'],
				[newKey(ctx), { ...good, customer: '' }, 'an empty customer'],
				[newKey(ctx), { customer: good.customer }, 'no items'],
				[newKey(ctx), { ...good, items: [] }, 'an empty list of items'],
				[newKey(ctx), { ...good, items: good.items[0] }, 'items that are not a list'],
			]);
			const missing = await ctx.request(api, { path: `/orders/${ctx.random.id('o')}` });
			expectJsonError(missing, 404);
		}),
};

/** Names every plain JavaScript object answers to; none of them is a dish. */
const INHERITED = ['toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf'];

export const rejectsBadItems: Check = {
	id: 'rejects-bad-items',
	title:
		'A dish not on the menu, or a quantity that is not a whole number of at least 1, gets 400 and charges nothing',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const good = randomOrder(ctx, menu, 2);
			const withItem = (dish: unknown, quantity: unknown) => ({
				customer: good.customer,
				// A bad item after a good one, so that a check of the first item alone misses it.
				items: [...good.items, { dish, quantity }],
			});
			const dish = ctx.random.pick(
				Object.keys(menu).filter((name) => !good.items.some((item) => item.dish === name)),
			);
			const unknown = `${ctx.random.word(6)}-${ctx.random.word(3)}`;
			const cases: [string, unknown, string][] = [
				[newKey(ctx), withItem(unknown, 1), `a dish not on the menu ("${unknown}")`],
				[
					newKey(ctx),
					withItem('constructor', 1),
					'the dish "constructor", which is not on the menu',
				],
				[newKey(ctx), withItem('__proto__', 1), 'the dish "__proto__", which is not on the menu'],
				[
					newKey(ctx),
					withItem(ctx.random.pick(INHERITED), 2),
					'a dish named after a method every object has',
				],
				[newKey(ctx), withItem(dish, 0), 'a quantity of 0'],
				[newKey(ctx), withItem(dish, -ctx.random.int(1, 5)), 'a negative quantity'],
				[newKey(ctx), withItem(dish, ctx.random.int(1, 3) + 0.5), 'a fractional quantity'],
				[newKey(ctx), withItem(dish, String(ctx.random.int(2, 4))), 'a quantity sent as a string'],
				[newKey(ctx), withItem(dish, undefined), 'an item without a quantity'],
			];
			await expectRefused(ctx, api, payments, cases);
		}),
};
