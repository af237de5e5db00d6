// The other side of retrying a charge: an attempt must be given at least a second to answer, so a
// payment service that is slow but working charges the order on the first try.
import type { Check } from '../../../src/harness/index.ts';
import {
	CHECK_TIMEOUT_MS,
	expectCharges,
	expectOrder,
	newKey,
	postOrder,
	randomOrder,
	withPlatform,
} from '../support/platform.ts';

/** How long the payment service takes: inside the second the contract promises each attempt,
 * and past a time limit cut to half a second. It is not stretched by the machine's time scale,
 * because what it is judged against is the program's own limit, a constant that does not stretch
 * either; the 300 ms left for the round trip, and a confirming second run, cover a busy machine. */
const SLOW_MS = 700;

export const waitsForSlowCharge: Check = {
	id: 'waits-for-slow-charge',
	title: 'A charge that takes most of a second is waited for, not abandoned and retried',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withPlatform(ctx, 1, async ({ payments, menu, apis: [api] }) => {
			if (!api) return;
			const delayMs = SLOW_MS;
			payments.plan = () => ({ delayMs });
			const key = newKey(ctx);
			const input = randomOrder(ctx, menu);
			const res = await postOrder(ctx, api, key, input);
			const made = payments.attempts.length;
			if (made !== 1 || res.status !== 201) {
				ctx.failTiming(
					`Expected one charge attempt, answered after ${delayMs} ms (each attempt may take up to 1000 ms), and 201; the payment service saw ${made} attempts and the client got ${res.status}`,
					res.request,
				);
			}
			expectOrder(ctx, res, input, menu, payments, key);
			expectCharges(ctx, payments, [key]);
		}),
};
