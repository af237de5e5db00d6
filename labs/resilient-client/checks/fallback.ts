// Graceful degradation: when every attempt fails, the last 2xx answer for the same URL is served,
// marked stale. Nothing else is kept: not an error answer, not another URL's answer.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { randomBody } from './answers.ts';
import {
	call,
	CHECK_TIMEOUT_MS,
	expectFresh,
	expectRejection,
	expectValue,
	freshPath,
	withOrigin,
	type Call,
} from '../support/call.ts';
import type { Origin, Step } from '../support/origin.ts';

const OPTIONS = { timeoutMs: 2000, retries: 2, baseDelayMs: 5, maxDelayMs: 10 };

function expectStale(ctx: CheckContext, done: Call, body: string): void {
	const value = expectValue(
		ctx,
		done,
		`every attempt failed, and an earlier call got ${JSON.stringify(body)}`,
	);
	if (value.status !== 200 || value.body !== body || value.stale !== true) {
		ctx.fail(
			`Expected ${done.label} to fall back to the last good answer: status 200, body ${JSON.stringify(body)}, stale true; got status ${value.status}, body ${JSON.stringify(value.body)}, stale ${String(value.stale)}`,
			done.line,
		);
	}
}

/** Fails unless the origin saw exactly retries + 1 attempts since `before`: the fallback comes
 * after the retries, not instead of them. */
function expectAllAttempts(
	ctx: CheckContext,
	origin: Origin,
	path: string,
	before: number,
	done: Call,
): void {
	const made = origin.arrivals(path).length - before;
	if (made !== OPTIONS.retries + 1) {
		ctx.fail(
			`Expected ${OPTIONS.retries + 1} attempts for ${done.label} before it fell back to the saved answer, the origin received ${made}`,
			done.line,
		);
	}
}

export const fallsBackToLastGood: Check = {
	id: 'falls-back-to-last-good',
	title:
		'When every attempt fails, the last 2xx body for that exact URL comes back with stale true',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const failure = ctx.random.pick<Step>([
				'reset',
				{ status: 502 },
				{ status: 503 },
				{ status: 504 },
			]);
			const path = freshPath(ctx);
			const url = origin.url + path;
			const send = (target: string) =>
				call(ctx, driver, target, OPTIONS, 5000, 'only quick retries were due');
			for (const round of [1, 2]) {
				// Each round saves a new good answer, so a client that keeps only its first one is caught.
				const body = randomBody(ctx);
				origin.script(path, [
					{ status: 200, headers: { 'Content-Type': 'application/json' }, body },
				]);
				expectFresh(ctx, await send(url), 200, body, `the origin answered (round ${round})`);
				origin.script(path, [failure]);
				const before = origin.arrivals(path).length;
				const done = await send(url);
				expectAllAttempts(ctx, origin, path, before, done);
				expectStale(ctx, done, body);
			}
			// The same path with a query string is another URL that never had a good answer.
			const other = `${path}?page=${ctx.random.int(2, 9)}`;
			origin.script(other, [failure]);
			expectRejection(
				ctx,
				await send(origin.url + other),
				`only ${path} without a query string had a good answer, and the cache is keyed by the whole URL`,
			);
			// An error answer is returned, but it is not a good answer worth keeping; nor is a 300,
			// which sits just past the end of the 2xx range.
			for (const status of [404, 300]) {
				const missing = freshPath(ctx);
				const notFound = JSON.stringify({ error: `no such menu (${ctx.random.word(4)})` });
				origin.script(missing, [{ status, body: notFound }]);
				const answered = await send(origin.url + missing);
				expectFresh(ctx, answered, status, notFound, `the origin answered ${status}`);
				origin.script(missing, [failure]);
				expectRejection(
					ctx,
					await send(origin.url + missing),
					`the only answer ever received for this URL was a ${status}, which is not saved`,
				);
			}
		}),
};
