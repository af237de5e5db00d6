// Exponential backoff with jitter, judged over a dozen calls made at once: every wait must stay
// under its ceiling, and the waits must differ from call to call, as random ones do.
import type { Check } from '../../../src/harness/index.ts';
import {
	allowed,
	call,
	CHECK_TIMEOUT_MS,
	expectAttempts,
	expectRejection,
	freshPath,
	withOrigin,
} from '../support/call.ts';
import { gaps } from '../support/origin.ts';

const CALLS = 12;
/** The options as on the reference machine; the delays are stretched by the machine's time scale,
 * so that the spread of random waits stays far above scheduling noise. Their sum (at most 1.4 s)
 * is what the check waits for. */
const REFERENCE_OPTIONS = { timeoutMs: 2000, retries: 4, baseDelayMs: 200, maxDelayMs: 400 };
/** A wait counts as random when, across the calls, its range covers this share of its ceiling.
 * Twelve draws spread evenly over [0, ceiling] stay within 35 % of it with odds below one in ten
 * thousand, while twelve fixed waits differ only by scheduling noise: at most 30 ms with two busy
 * loops per core beside the grader, against 70 ms asked of the shortest ceiling before stretching. */
const SPREAD = 0.35;
/** Retries whose waits must spread that widely, out of the four: one unlucky draw is forgiven. */
const SPREAD_RETRIES = 3;

export const backoffWithJitter: Check = {
	id: 'backoff-with-jitter',
	title: 'Waits before retries stay under min(maxDelayMs, baseDelayMs × 2^(n-1)) and are random',
	timeoutMs: CHECK_TIMEOUT_MS,
	slow: true,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const OPTIONS = {
				...REFERENCE_OPTIONS,
				baseDelayMs: ctx.time.stretch(REFERENCE_OPTIONS.baseDelayMs),
				maxDelayMs: ctx.time.stretch(REFERENCE_OPTIONS.maxDelayMs),
			};
			/** min(maxDelayMs, baseDelayMs × 2^(n-1)) for retries 1 to 4. */
			const CEILINGS = [1, 2, 4, 8].map((power) =>
				Math.min(OPTIONS.maxDelayMs, OPTIONS.baseDelayMs * power),
			);
			const paths = Array.from({ length: CALLS }, () => freshPath(ctx));
			for (const path of paths) origin.script(path, [{ status: 503, body: 'try again later' }]);
			const calls = await Promise.all(
				paths.map((path) =>
					call(
						ctx,
						driver,
						origin.url + path,
						OPTIONS,
						5000,
						`its four waits add up to at most ${CEILINGS.reduce((sum, ms) => sum + ms, 0)} ms`,
					),
				),
			);
			const waits: number[][] = [];
			for (const [index, done] of calls.entries()) {
				const path = paths[index] as string;
				const times = expectAttempts(
					ctx,
					origin,
					path,
					OPTIONS.retries + 1,
					done,
					'every attempt is answered 503',
				);
				expectRejection(ctx, done, 'every attempt failed and nothing was cached');
				const measured = gaps(times);
				for (const [retry, gap] of measured.entries()) {
					const ceiling = CEILINGS[retry] as number;
					if (gap > allowed(done, ceiling)) {
						ctx.failTiming(
							`Expected retry ${retry + 1} of ${done.label} to wait at most min(maxDelayMs, baseDelayMs × 2^${retry}) = ${ceiling} ms (${allowed(done, ceiling)} ms allowing for timers and a busy machine), but it came ${gap} ms after attempt ${retry + 1}`,
							done.line,
						);
					}
				}
				waits.push(measured);
			}
			ctx.figure(
				'slowest wait before each retry (ms)',
				Object.fromEntries(
					CEILINGS.map((_, retry) => [
						`retry ${retry + 1}`,
						Math.max(...waits.map((list) => list[retry] ?? 0)),
					]),
				),
			);
			const ranges = CEILINGS.map((ceiling, retry) => {
				const values = waits.map((list) => list[retry] ?? 0);
				const low = Math.min(...values);
				const high = Math.max(...values);
				return { retry: retry + 1, low, high, random: high - low >= SPREAD * ceiling };
			});
			if (ranges.filter((range) => range.random).length < SPREAD_RETRIES) {
				const seen = ranges
					.map((range) => `retry ${range.retry} after ${range.low}–${range.high} ms`)
					.join(', ');
				ctx.failTiming(
					`Expected random waits before retries (jitter), so ${CALLS} calls failing together retry at different moments, but they waited nearly alike: ${seen}`,
				);
			}
		}),
};
