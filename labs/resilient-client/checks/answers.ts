// Answers that end a call at once: a 2xx is returned as it is, and so is an error status that
// repeating would not change (500, 404 and the like).
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import {
	call,
	CHECK_TIMEOUT_MS,
	expectAttempts,
	expectFresh,
	freshPath,
	withOrigin,
} from '../support/call.ts';

/** Statuses that are final besides 500, which is always sent: a 500 is the one most often
 * retried by mistake, because it looks like a server's trouble. */
const FINAL_STATUSES = [400, 401, 403, 404, 409, 422, 501];

/** A small random JSON text, so a program that hard-codes an answer cannot match it. */
export function randomBody(ctx: CheckContext): string {
	return JSON.stringify({ dish: ctx.random.word(7), priceCents: ctx.random.int(100, 9999) });
}

export const returnsAnswer: Check = {
	id: 'returns-answer',
	title: 'A 2xx answer resolves to its status and body, not stale, after one attempt',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			for (const status of [200, ctx.random.pick([201, 202, 203])]) {
				const path = freshPath(ctx);
				const body = randomBody(ctx);
				origin.script(path, [{ status, headers: { 'Content-Type': 'application/json' }, body }]);
				const options = { timeoutMs: 2000, retries: 2 };
				const done = await call(
					ctx,
					driver,
					origin.url + path,
					options,
					4000,
					'the origin answered at once',
				);
				expectAttempts(ctx, origin, path, 1, done, `a ${status} is a success, so it is final`);
				expectFresh(ctx, done, status, body, `the origin answered ${status}`);
			}
		}),
};

export const finalStatusesNotRetried: Check = {
	id: 'final-statuses-not-retried',
	title:
		'A 500, 404 or other status that is not retried resolves at once with that status and body',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const statuses = [500, ...ctx.random.shuffle(FINAL_STATUSES).slice(0, 2)];
			for (const status of ctx.random.shuffle(statuses)) {
				const path = freshPath(ctx);
				const body = JSON.stringify({ error: `failed on purpose: ${ctx.random.word(6)}` });
				// A second attempt would be answered 200, so a program that retries shows it twice over.
				origin.script(path, [
					{ status, body },
					{ status: 200, body: 'a retry got through' },
				]);
				const options = { timeoutMs: 2000, retries: 3, baseDelayMs: 10, maxDelayMs: 20 };
				const done = await call(
					ctx,
					driver,
					origin.url + path,
					options,
					4000,
					'the origin answered at once',
				);
				expectAttempts(
					ctx,
					origin,
					path,
					1,
					done,
					`${status} is not retried: the same request would get the same answer`,
				);
				expectFresh(ctx, done, status, body, `a ${status} is an answer, returned to the caller`);
			}
		}),
};
