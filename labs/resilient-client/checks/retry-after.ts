// Retry-After: a server that says how long to wait is believed, up to maxDelayMs, the longest the
// caller agreed to wait between two attempts.
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
	type Setup,
} from '../support/call.ts';
import { gaps } from '../support/origin.ts';

/** How much shorter than asked a wait may look, because a busy grader may stamp the first
 * arrival late; a client that ignores Retry-After waits a few milliseconds, far below it. */
const EARLY_SHARE = 0.8;

async function waitsFor(
	setup: Setup,
	ctx: Parameters<Check['run']>[0],
	status: number,
	seconds: number,
	maxDelayMs: number,
): Promise<void> {
	const { driver, origin } = setup;
	const path = freshPath(ctx);
	const body = randomBody(ctx);
	origin.script(path, [
		{ status, headers: { 'Retry-After': String(seconds) }, body: 'slow down' },
		{ status: 200, body },
	]);
	const expected = Math.min(seconds * 1000, maxDelayMs);
	const options = { timeoutMs: 2000, retries: 2, baseDelayMs: 20, maxDelayMs };
	const done = await call(
		ctx,
		driver,
		origin.url + path,
		options,
		maxDelayMs + 2000,
		`the origin asked for ${seconds} s with Retry-After, cut to maxDelayMs (${maxDelayMs} ms)`,
	);
	const times = expectAttempts(
		ctx,
		origin,
		path,
		2,
		done,
		`a ${status}, retried after its Retry-After, then an answer`,
	);
	const [gap = 0] = gaps(times);
	if (gap < earliest(done, expected, EARLY_SHARE) || gap > allowed(done, maxDelayMs)) {
		ctx.failTiming(
			`Expected the retry of ${done.label} at least min(Retry-After: ${seconds} s, maxDelayMs) = ${expected} ms and at most maxDelayMs = ${maxDelayMs} ms after the ${status}, but it came ${gap} ms later`,
			done.line,
		);
	}
	expectFresh(ctx, done, 200, body, 'the retry was answered');
}

export const honoursRetryAfter: Check = {
	id: 'honours-retry-after',
	title:
		'A Retry-After in seconds delays the next attempt by that long, but never beyond maxDelayMs',
	timeoutMs: CHECK_TIMEOUT_MS,
	slow: true,
	run: (ctx) =>
		withOrigin(ctx, async (setup) => {
			const [short, long] = ctx.random.shuffle([503, 429]) as [number, number];
			// Run together: the one-second wait is the check's whole duration.
			await Promise.all([
				// maxDelayMs grows with the machine's time scale; Retry-After's second cannot.
				waitsFor(setup, ctx, short, 1, ctx.time.stretch(1500)),
				waitsFor(setup, ctx, long, ctx.random.int(30, 90), ctx.time.stretch(400)),
			]);
		}),
};
