// No wait after the last attempt: once it has failed, the caller gets the outcome at once, since a
// wait that no attempt follows only delays the answer.
import type { Check } from '../../../src/harness/index.ts';
import {
	allowed,
	call,
	CHECK_TIMEOUT_MS,
	expectAttempts,
	freshPath,
	withOrigin,
} from '../support/call.ts';

export const settlesAfterLastAttempt: Check = {
	id: 'settles-after-last-attempt',
	title: 'Once the last attempt has failed, the call settles at once, with no wait after it',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const retries = ctx.random.int(1, 2);
			const path = freshPath(ctx);
			// Every attempt asks for a wait that maxDelayMs caps, so each wait is known in advance,
			// and one more after the last attempt would be as long as the others. Retry-After asks
			// for at least maxDelayMs in whole seconds: a fixed second fell below a maxDelayMs
			// stretched past 2×, so the extra wait shrank to 1 s while the allowance grew, and a
			// client that waits after its last attempt passed in CI.
			const maxDelayMs = ctx.time.stretch(500);
			const askedSeconds = Math.ceil(maxDelayMs / 1000);
			origin.script(path, [
				{ status: 503, headers: { 'Retry-After': String(askedSeconds) }, body: 'busy' },
			]);
			const options = { timeoutMs: 2000, retries, baseDelayMs: 50, maxDelayMs };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				(retries + 2) * maxDelayMs + 2000,
				`every attempt is answered 503 with Retry-After: ${askedSeconds}, so each wait is maxDelayMs = ${maxDelayMs} ms`,
			);
			const times = expectAttempts(ctx, origin, path, retries + 1, done, 'every attempt failed');
			const settledAt = done.report.startedAt + done.report.ms;
			const after = settledAt - (times.at(-1) ?? settledAt);
			// The stalls a busy machine adds are allowed for, but never half a wait's worth: a client
			// that waits once more after its last attempt waits maxDelayMs, and at a load average of
			// 14 the stalls alone came to more than that, so the wrong client passed.
			const latest = Math.min(allowed(done, 0), Math.round(maxDelayMs / 2));
			if (after > latest) {
				ctx.failTiming(
					`Expected ${done.label} to settle as soon as its last attempt (of ${retries + 1}) was answered 503, within ${latest} ms, got ${after} ms later`,
					done.line,
				);
			}
		}),
};
