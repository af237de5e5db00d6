// The per-attempt time limit: an origin that accepts the request and never answers must cost one
// attempt timeoutMs, not the whole call.
import type { Check } from '../../../src/harness/index.ts';
import { randomBody } from './answers.ts';
import {
	allowed,
	call,
	earliest,
	CHECK_TIMEOUT_MS,
	expectAttempts,
	expectFresh,
	freshPath,
	withOrigin,
} from '../support/call.ts';
import { gaps } from '../support/origin.ts';

/** How much shorter than timeoutMs a gap may look: the client's timer starts before its request
 * reaches the origin, and on a busy machine the first arrival can be stamped well over 100 ms late
 * (a gap of 163 ms for a 252 ms timeout was seen; the worst stall measured during the call comes
 * off as well). A client with one timer for the whole call, or none at all, is still far outside. */
const EARLY_SHARE = 0.5;

export const timesOutStalledAttempt: Check = {
	id: 'times-out-stalled-attempt',
	title: 'An attempt that gets no answer is abandoned after timeoutMs, then retried',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			// Stretched by the machine's time scale, so scheduling noise stays small beside it.
			const timeoutMs = ctx.time.stretch(ctx.random.int(250, 350));
			const path = freshPath(ctx);
			const body = randomBody(ctx);
			origin.script(path, ['stall', 'stall', { status: 200, body }]);
			const options = { timeoutMs, retries: 3, baseDelayMs: 10, maxDelayMs: 10 };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				3 * timeoutMs + 2000,
				`the origin never answers the first two attempts, so each must be given up after timeoutMs (${timeoutMs} ms) and retried`,
			);
			const times = expectAttempts(
				ctx,
				origin,
				path,
				3,
				done,
				'two attempts get no answer and are retried after timeoutMs; the third is answered',
			);
			for (const [index, gap] of gaps(times).entries()) {
				const soonest = earliest(done, timeoutMs, EARLY_SHARE);
				const latest = allowed(done, timeoutMs + options.maxDelayMs);
				if (gap < soonest || gap > latest) {
					ctx.failTiming(
						`Expected attempt ${index + 2} of ${done.label} about timeoutMs after attempt ${index + 1} (${soonest} to ${latest} ms: ${timeoutMs} ms of waiting plus at most ${options.maxDelayMs} ms of backoff), but it came ${gap} ms later`,
						done.line,
					);
				}
			}
			if (!done.report.ok) {
				// The origin answered the third attempt at once, so only a machine too slow for even the
				// stretched timeoutMs makes a client that times attempts out give it up; a second run
				// confirms it. A client that gives up early for another reason fails the count above.
				ctx.failTiming(
					`Expected ${done.label} to resolve (the origin answered the third attempt at once), but it rejected with: ${done.report.error}`,
					done.line,
				);
			}
			expectFresh(ctx, done, 200, body, 'the third attempt was answered');
		}),
};
