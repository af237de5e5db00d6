// A refused connection is retried. The origin refuses until the grader opens it again, so only a
// call whose first attempts met a closed port says anything: one that started late is run again.
import type { Check } from '../../../src/harness/index.ts';
import { randomBody } from './answers.ts';
import { call, CHECK_TIMEOUT_MS, expectFresh, freshPath, withOrigin } from '../support/call.ts';

/** How long the origin stays closed after the call is sent. With up to 20 retries 0 to 100 ms
 * apart, a correct client is still trying when it opens, whatever its random draws. Both times are
 * stretched by the machine's time scale. */
const CLOSED_MS = 250;
/** A call that started less than this before the origin opened may not have met a refusal. */
const CONCLUSIVE_MS = 100;

export const retriesRefusedConnection: Check = {
	id: 'retries-refused-connection',
	title: 'A refused connection is retried, so the call succeeds once the origin is back',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			for (let round = 0; round < 3; round++) {
				const path = freshPath(ctx);
				const body = randomBody(ctx);
				origin.script(path, [{ status: 200, body }]);
				await origin.refuse();
				// The waits grow with the machine's time scale as the closed time does, so twenty
				// retries still outlast it.
				const delayMs = ctx.time.stretch(100);
				const options = { timeoutMs: 2000, retries: 20, baseDelayMs: delayMs, maxDelayMs: delayMs };
				const calling = call(
					ctx,
					driver,
					origin.url + path,
					options,
					4000,
					'the origin answers once it is back',
				);
				// Awaited below; a rejection meanwhile must not count as unhandled.
				calling.catch(() => {});
				await ctx.sleep(ctx.time.stretch(CLOSED_MS));
				const openedAt = Date.now();
				await origin.reopen();
				const done = await calling;
				if (done.report.startedAt > openedAt - ctx.time.stretch(CONCLUSIVE_MS)) continue;
				expectFresh(
					ctx,
					done,
					200,
					body,
					`connections were refused for ${ctx.time.stretch(CLOSED_MS)} ms, then the origin answered`,
				);
				return;
			}
			ctx.failTiming(
				'The grader could not start a call while the origin was closed; the machine is too busy to judge this check',
			);
		}),
};
