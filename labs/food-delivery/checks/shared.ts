// Several API servers share one store: a repeated order, wherever it lands, is the same order,
// and a server that dies mid-order loses nothing, because the client retries elsewhere.
import { CheckFailure, type Check } from '../../../src/harness/index.ts';
import {
	CHECK_TIMEOUT_MS,
	expectCharges,
	expectOrder,
	expectStored,
	newKey,
	postOrder,
	randomOrder,
	withPlatform,
	type Order,
} from '../support/platform.ts';
import { expectOrderInStore } from '../support/store.ts';

export const repeatSameOrder: Check = {
	id: 'repeat-same-order',
	title: 'The same Idempotency-Key again, on the same or another server, returns the same order',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 2, async ({ store, payments, menu, apis: [first, second] }) => {
			if (!first || !second) return;
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			const order = expectOrder(
				ctx,
				await postOrder(ctx, first, key, input),
				input,
				menu,
				payments,
				key,
			);
			for (const [api, where] of ctx.random.shuffle([
				[second, 'another server'],
				[first, 'the same server'],
			] as const)) {
				const res = await postOrder(ctx, api, key, input);
				const again = expectOrder(ctx, res, input, menu, payments, key, [200, 201]);
				if (again.id !== order.id) {
					ctx.fail(
						`Expected the repeated order on ${where} to be order ${order.id}, got a new order ${again.id}`,
						res.request,
					);
				}
			}
			expectCharges(ctx, payments, [key]);
			await expectStored(ctx, second, order, 'another server');
			expectOrderInStore(ctx, store, order, {
				method: 'GET',
				url: `${second.url}/orders/${order.id}`,
			});
		}),
};

export const survivesServerCrash: Check = {
	id: 'survives-server-crash',
	title: 'A server that dies mid-order loses no order and causes no second charge',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 2, async ({ payments, menu, apis: [doomed, survivor] }) => {
			if (!doomed || !survivor) return;
			const orders: Order[] = [];
			const keys: string[] = [];
			for (const api of [doomed, survivor, doomed, survivor]) {
				const key = newKey(ctx);
				const input = randomOrder(ctx, menu);
				orders.push(
					expectOrder(ctx, await postOrder(ctx, api, key, input), input, menu, payments, key),
				);
				keys.push(key);
			}
			// The last order's charge answers slowly, and its server dies while it waits.
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			// Slow enough, on this machine's time scale, that the grader stops the server first.
			const delayMs = ctx.time.stretch(600);
			payments.plan = (planned, attempt) =>
				planned === key && attempt === 0 ? { delayMs } : 'charge';
			const sending = postOrder(ctx, doomed, key, input);
			sending.catch(() => {});
			for (let waited = 0; !payments.attempts.some((one) => one.key === key); waited += 20) {
				if (waited > ctx.time.stretch(5000))
					ctx.fail(`Expected the order with Idempotency-Key ${key} to reach the payment service`);
				await ctx.sleep(20);
			}
			await doomed.stop();
			try {
				await sending;
			} catch (error) {
				// The server died before answering: the client tries again, with the same key, elsewhere.
				if (!(error instanceof CheckFailure)) throw error;
			}
			const res = await postOrder(ctx, survivor, key, input);
			orders.push(expectOrder(ctx, res, input, menu, payments, key, [200, 201]));
			keys.push(key);
			expectCharges(ctx, payments, keys);
			for (const order of orders) await expectStored(ctx, survivor, order, 'the surviving server');
		}),
};
