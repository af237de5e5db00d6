// Both sides of the per-attempt time limit for an answer whose body arrives slowly: the limit
// covers the whole answer, so a body still dripping in at timeoutMs is abandoned, and an answer
// that completes inside the limit, however slowly, is taken whole and decoded as one text.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { randomBody } from './answers.ts';
import {
	allowed,
	call,
	earliest,
	CHECK_TIMEOUT_MS,
	expectFresh,
	expectValue,
	freshPath,
	withOrigin,
} from '../support/call.ts';
import { gaps } from '../support/origin.ts';

/** Characters of two, three and four bytes in UTF-8, so that a cut between pieces splits one. */
const WIDE = ['é', 'ü', 'ß', '€', '日本', '☕', '🍕', '🚲'];

/** A JSON text dense with multi-byte characters, random on every run. */
export function wideBody(ctx: CheckContext): string {
	const words = Array.from({ length: 12 }, () => `${ctx.random.word(3)}${ctx.random.pick(WIDE)}`);
	return JSON.stringify({ dish: words.join(' '), priceCents: ctx.random.int(100, 9999) });
}

export const timesOutSlowBody: Check = {
	id: 'times-out-slow-body',
	title: 'An answer whose body is still arriving at timeoutMs is abandoned and retried',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const timeoutMs = ctx.time.stretch(ctx.random.int(250, 350));
			const path = freshPath(ctx);
			const late = randomBody(ctx);
			const body = randomBody(ctx);
			// Headers at once and a piece every quarter of timeoutMs: a client that times only the
			// headers, or only silences between bytes, never gives up and takes the late body.
			const gapMs = Math.round(timeoutMs / 4);
			origin.script(path, [
				{ status: 200, body: late, drip: { pieces: 10, gapMs } },
				{ status: 200, body },
			]);
			const options = { timeoutMs, retries: 2, baseDelayMs: 10, maxDelayMs: 10 };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				4 * timeoutMs + 2000,
				`the first answer's body takes ${9 * gapMs} ms to arrive, so that attempt must be abandoned after timeoutMs (${timeoutMs} ms) and retried`,
			);
			const value = expectValue(ctx, done, 'the second attempt was answered at once');
			const times = origin.arrivals(path);
			if (times.length === 1 && value.body === late) {
				ctx.failTiming(
					`Expected ${done.label} to abandon the first attempt at timeoutMs (${timeoutMs} ms), since its body was still arriving (a piece every ${gapMs} ms, ${9 * gapMs} ms in all), and retry; got 1 attempt, resolved with that late body`,
					done.line,
				);
			}
			if (times.length !== 2) {
				ctx.fail(
					`Expected 2 attempts at ${path} for ${done.label} (the first abandoned at timeoutMs while its body was still arriving, the second answered at once), the origin received ${times.length}`,
					done.line,
				);
			}
			const [gap = 0] = gaps(times);
			const soonest = earliest(done, timeoutMs, 0.5);
			const latest = allowed(done, timeoutMs + options.maxDelayMs);
			if (gap < soonest || gap > latest) {
				ctx.failTiming(
					`Expected attempt 2 of ${done.label} about timeoutMs after attempt 1 (${soonest} to ${latest} ms), since the first answer's body was still arriving, but it came ${gap} ms later`,
					done.line,
				);
			}
			expectFresh(ctx, done, 200, body, 'the second attempt was answered at once');
		}),
};

export const waitsForSlowAnswer: Check = {
	id: 'waits-for-slow-answer',
	title:
		'An answer that completes within timeoutMs, in pieces that split UTF-8 characters, is taken whole',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const timeoutMs = ctx.time.stretch(ctx.random.int(300, 400));
			const path = freshPath(ctx);
			const body = wideBody(ctx);
			// The last piece arrives at 0.69 × timeoutMs: inside the limit with room to spare, but
			// past a limit cut short (half of it, or a fixed 100 ms).
			const gapMs = Math.round(timeoutMs * 0.23);
			origin.script(path, [
				{ status: 200, body, drip: { pieces: 4, gapMs } },
				{ status: 200, body: randomBody(ctx) },
			]);
			const options = { timeoutMs, retries: 2, baseDelayMs: 10, maxDelayMs: 10 };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				3 * timeoutMs + 2000,
				`the answer is complete ${3 * gapMs} ms after it began, within timeoutMs (${timeoutMs} ms)`,
			);
			const times = origin.arrivals(path);
			if (times.length > 1) {
				ctx.failTiming(
					`Expected 1 attempt at ${path} for ${done.label}, since its answer was complete ${3 * gapMs} ms after it began, within timeoutMs (${timeoutMs} ms); the origin received ${times.length}`,
					done.line,
				);
			}
			expectFresh(ctx, done, 200, body, 'the answer arrived in four pieces, within timeoutMs');
		}),
};
