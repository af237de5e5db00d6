// An upstream that never answers must not hold a slot for ever: after UPSTREAM_TIMEOUT_MS the
// client gets 504, the upstream request is closed, and the slot comes back.
import {
	CheckFailure,
	TimingFailure,
	expectJsonError,
	type Check,
} from '../../../src/harness/index.ts';
import {
	expectUpstreamAnswer,
	freshPath,
	planFor,
	send,
	SETTLE_MS,
	waitUntil,
} from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

/** UPSTREAM_TIMEOUT_MS before stretching. */
const TIMEOUT_MS = 300;
/** A 504 must come before this many times UPSTREAM_TIMEOUT_MS. */
const UPPER = 3;
/** A 504 before this fraction of UPSTREAM_TIMEOUT_MS came too early (the grader measures from
 * before the server got the request, so a right answer is never early). */
const LOWER = 0.8;
/** How long the server gets to close the upstream requests it gave up on. */
const NOTICE_MS = 1000;

export const timesOutUpstream: Check = {
	id: 'times-out-upstream',
	title:
		'An upstream that does not answer within UPSTREAM_TIMEOUT_MS gives 504, and the slot is given back',
	timeoutMs: 20_000,
	async run(ctx) {
		const timeoutMs = ctx.time.stretch(TIMEOUT_MS);
		await withUpstream(
			ctx,
			async (launched) => {
				const { limit, upstream } = launched;
				const setting = `UPSTREAM_TIMEOUT_MS of ${timeoutMs} ms`;
				const paths = Array.from({ length: limit }, () => freshPath(ctx));
				for (const path of paths) upstream.plans.set(path, { kind: 'stall' });
				// The harness stretches a request's own timeout: this one is UPPER × the setting.
				const stalled = paths.map((path) =>
					send(ctx, launched, { path, timeoutMs: TIMEOUT_MS * UPPER }),
				);
				for (const [index, sent] of stalled.entries()) {
					const res = await sent.response.catch((error: unknown) => {
						if (!(error instanceof TimingFailure)) throw error;
						return ctx.failTiming(
							`Expected 504 for GET ${paths[index]} about ${timeoutMs} ms after it reached an upstream that never answers (${setting}), but there was no answer within ${timeoutMs * UPPER} ms`,
							error.request,
						);
					});
					if (res.status !== 504) {
						ctx.fail(
							`Expected 504 for GET ${paths[index]}, which the upstream never answers (${setting}), got ${res.status} after ${res.durationMs} ms`,
							res.request,
						);
					}
					expectJsonError(res, 504);
					if (res.durationMs < timeoutMs * LOWER) {
						throw new CheckFailure(
							`Expected 504 for GET ${paths[index]} no sooner than ${timeoutMs} ms (UPSTREAM_TIMEOUT_MS) after it was sent, but it came after ${res.durationMs} ms`,
							res.request,
						);
					}
				}
				const limitMs = ctx.time.stretch(NOTICE_MS);
				const open = () =>
					paths.filter((path) =>
						upstream.arrivals.some((one) => one.path === path && !one.abandoned),
					);
				await waitUntil(ctx, () => open().length === 0, limitMs);
				if (open().length > 0) {
					ctx.failTiming(
						`Expected your server to close its request to the upstream when it gave up with 504 (${setting}), but ${open().length} of ${limit} were still open ${limitMs} ms later, GET ${open()[0]} among them`,
						{ method: 'GET', url: `${launched.program.url}${open()[0]}` },
					);
				}
				await ctx.sleep(ctx.time.stretch(SETTLE_MS));
				// The slots are back: MAX_IN_FLIGHT requests with a quick upstream all get through.
				const after = Array.from({ length: limit }, () => {
					const path = freshPath(ctx);
					return {
						plan: planFor(ctx, launched, path, { delayMs: ctx.time.stretch(50) }),
						sent: send(ctx, launched, { path }),
					};
				});
				for (const one of after) {
					expectUpstreamAnswer(
						ctx,
						await one.sent.response,
						one.plan,
						`after ${limit} requests ended in 504`,
					);
				}
			},
			{ timeoutMs: TIMEOUT_MS },
		);
	},
};
