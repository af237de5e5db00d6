// Placing an order: a charge under the client's Idempotency-Key, then the order saved in the
// shared store and returned; and the requests that must be turned away before any charge.
import { expectJsonError, type Check } from '../../../src/harness/index.ts';
import {
	CHECK_TIMEOUT_MS,
	expectCharges,
	expectOrder,
	expectStored,
	newKey,
	postOrder,
	randomOrder,
	withPlatform,
} from './platform.ts';

export const createsOrder: Check = {
	id: 'creates-order',
	title: 'POST /orders charges once under the same Idempotency-Key and answers 201 with the order',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, apis: [api] }) => {
			if (!api) return;
			const key = newKey(ctx);
			const input = randomOrder(ctx);
			const res = await postOrder(ctx, api, key, input);
			const [attempt] = payments.attempts;
			if (!attempt)
				return ctx.fail(
					'Expected POST /charges at the payment service, but it got none',
					res.request,
				);
			if (attempt.key !== key) {
				ctx.fail(
					`Expected the charge to carry Idempotency-Key: ${key}, the client's own key, got ${JSON.stringify(attempt.key)}`,
					res.request,
				);
			}
			if (attempt.amountCents !== input.amountCents) {
				ctx.fail(
					`Expected the charge's JSON body to hold "amountCents": ${input.amountCents}, got ${JSON.stringify(attempt.amountCents)}`,
					res.request,
				);
			}
			const order = expectOrder(ctx, res, input, payments, key);
			expectCharges(ctx, payments, [key]);
			await expectStored(ctx, api, order, 'the same server');
		}),
};

export const rejectsBadRequests: Check = {
	id: 'rejects-bad-requests',
	title: 'An order without Idempotency-Key or with a bad body gets 400 and charges nothing',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, apis: [api] }) => {
			if (!api) return;
			const good = randomOrder(ctx);
			const cases: [string | undefined, unknown, string][] = [
				[undefined, good, 'no Idempotency-Key header'],
				[newKey(ctx), '{"customer": ', 'a body that is not JSON'],
				[
					newKey(ctx),
					{ ...good, amountCents: String(good.amountCents) },
					'amountCents as a string',
				],
				[newKey(ctx), { ...good, amountCents: 0 }, 'amountCents of 0'],
				[newKey(ctx), { amountCents: good.amountCents }, 'no customer'],
			];
			for (const [key, body, why] of ctx.random.shuffle(cases)) {
				const res = await postOrder(ctx, api, key, body);
				if (res.status !== 400) {
					ctx.fail(`Expected 400 for an order with ${why}, got ${res.status}`, res.request);
				}
				expectJsonError(res, 400);
				if (payments.attempts.length > 0) {
					ctx.fail(
						`Expected no charge for an order with ${why}, but the payment service was asked for one`,
						res.request,
					);
				}
			}
			const missing = await ctx.request(api, { path: `/orders/${ctx.random.id('o')}` });
			expectJsonError(missing, 404);
		}),
};
