// When the payment service fails, the API retries the charge under the same key, so a failure
// before charging costs nothing and a lost answer after charging costs no second charge.
import { expectJsonError, type Check } from '../../../src/harness/index.ts';
import type { PaymentStep } from '../support/payments.ts';
import {
	CHECK_TIMEOUT_MS,
	expectCharges,
	expectOrder,
	newKey,
	postOrder,
	randomOrder,
	withPlatform,
} from '../support/platform.ts';

export const retriesPaymentFailures: Check = {
	id: 'retries-payment-failures',
	title: 'A charge answered 502, 503 or reset before charging is retried with the same key',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const failures = ctx.random.shuffle<PaymentStep>([
				{ status: 502 },
				{ status: 503 },
				'reset-before',
			]);
			payments.plan = (_key, attempt) => failures[attempt] ?? 'charge';
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			const res = await postOrder(ctx, api, key, input);
			const keys = payments.attempts.map((attempt) => attempt.key);
			if (keys.length < failures.length + 1) {
				ctx.fail(
					`Expected the API to retry the charge after each of ${failures.length} failures (502, 503, a reset connection), the payment service saw ${keys.length} attempt${keys.length === 1 ? '' : 's'} and the client got ${res.status}`,
					res.request,
				);
			}
			if (keys.some((one) => one !== key)) {
				ctx.fail(
					`Expected every attempt to carry Idempotency-Key: ${key}, got ${keys.map(String).join(', ')}`,
					res.request,
				);
			}
			expectOrder(ctx, res, input, menu, payments, key);
			expectCharges(ctx, payments, [key]);
		}),
};

export const retriesLostAnswer: Check = {
	id: 'retries-lost-answer',
	title: 'A charge whose answer is lost is retried under the same key, so the card is charged once',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			payments.plan = (_key, attempt) => (attempt === 0 ? 'reset-after' : 'charge');
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			const res = await postOrder(ctx, api, key, input);
			expectCharges(ctx, payments, [key]);
			expectOrder(ctx, res, input, menu, payments, key);
		}),
};

export const declinedNotRetried: Check = {
	id: 'declined-not-retried',
	title: 'A charge declined with 402 is not retried, and the client gets 402',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			payments.plan = () => ({ status: 402 });
			const res = await postOrder(ctx, api, newKey(ctx), randomOrder(ctx, menu));
			expectJsonError(res, 402);
			if (payments.attempts.length !== 1) {
				ctx.fail(
					`Expected one charge attempt (a declined card stays declined), the payment service saw ${payments.attempts.length}`,
					res.request,
				);
			}
		}),
};

/** The longest wait the contract allows between two charge attempts. */
const MAX_WAIT_MS = 250;

export const paymentsDown502: Check = {
	id: 'payments-down-502',
	title: 'When every charge attempt fails, the client gets 502 after a few retries',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			payments.plan = () => ({ status: 503 });
			const res = await postOrder(ctx, api, newKey(ctx), randomOrder(ctx, menu));
			expectJsonError(res, 502);
			const made = payments.attempts.length;
			if (made < 2 || made > 10) {
				ctx.fail(
					`Expected the API to try the charge 2 to 10 times before answering 502, the payment service saw ${made}`,
					res.request,
				);
			}
			// Waits of at most 250 ms: a gap between attempts also holds the 503's round trip, and
			// a busy machine's late timers, so the slack grows with the time scale.
			const longest = MAX_WAIT_MS + ctx.time.stretch(100);
			const times = payments.attempts.map((attempt) => attempt.at);
			const gaps = times.slice(1).map((at, index) => at - (times[index] as number));
			const slowest = Math.max(...gaps);
			if (slowest > longest) {
				ctx.failTiming(
					`Expected waits of at most ${MAX_WAIT_MS} ms between charge attempts (${longest} ms with slack), but attempt ${gaps.indexOf(slowest) + 2} came ${slowest} ms after the one before`,
					res.request,
				);
			}
		}),
};
