// Failures worth another attempt: a broken connection, and the statuses that say the trouble is
// passing (408, 429, 502, 503, 504). Each is retried until an attempt is answered.
import type { Check } from '../../../src/harness/index.ts';
import { randomBody } from './answers.ts';
import {
	call,
	CHECK_TIMEOUT_MS,
	expectAttempts,
	expectFresh,
	freshPath,
	withOrigin,
} from '../support/call.ts';
import type { Step } from '../support/origin.ts';

export const RETRYABLE_STATUSES = [408, 429, 502, 503, 504];

/** Small delays: these checks are about whether a retry happens, not about how long it waits. */
const QUICK = { timeoutMs: 2000, baseDelayMs: 10, maxDelayMs: 20 };

export const retriesRetryableStatuses: Check = {
	id: 'retries-retryable-statuses',
	title: 'Answers 408, 429, 502, 503 and 504 are retried until one attempt succeeds',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const statuses = ctx.random.shuffle(RETRYABLE_STATUSES);
			const path = freshPath(ctx);
			const body = randomBody(ctx);
			const steps: Step[] = statuses.map((status) => ({ status, body: `busy (${status})` }));
			origin.script(path, [...steps, { status: 200, body }]);
			const options = { ...QUICK, retries: statuses.length };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				5000,
				'five quick retries were due',
			);
			const made = origin.arrivals(path).length;
			if (made < statuses.length + 1) {
				ctx.fail(
					`Expected another attempt after the origin answered ${statuses[made - 1]} to attempt ${made} of ${done.label} (${statuses.join(', ')} are all retried), but the origin received ${made} attempt${made === 1 ? '' : 's'}`,
					done.line,
				);
			}
			expectAttempts(ctx, origin, path, statuses.length + 1, done, 'five failures, then an answer');
			expectFresh(ctx, done, 200, body, 'the last attempt was answered');
		}),
};

export const retriesResetConnection: Check = {
	id: 'retries-reset-connection',
	title: 'A connection reset before any answer is retried',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const path = freshPath(ctx);
			const body = randomBody(ctx);
			origin.script(path, ['reset', 'reset', { status: 200, body }]);
			const options = { ...QUICK, retries: 3 };
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				options,
				5000,
				'two quick retries were due',
			);
			expectAttempts(
				ctx,
				origin,
				path,
				3,
				done,
				'two attempts are reset by the origin and retried; the third is answered',
			);
			expectFresh(ctx, done, 200, body, 'the third attempt was answered');
		}),
};

export const stopsAfterRetries: Check = {
	id: 'stops-after-retries',
	title: 'After retries failed retries the call rejects, with no further attempt',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			for (const retries of [ctx.random.int(1, 4), 0]) {
				const path = freshPath(ctx);
				const failure = ctx.random.pick<'reset' | { status: number }>([
					'reset',
					{ status: 502 },
					{ status: 503 },
					{ status: 504 },
				]);
				origin.script(path, [failure]);
				const options = { ...QUICK, retries };
				const done = await call(
					ctx,
					driver,
					origin.url + path,
					options,
					5000,
					'only quick retries were due',
				);
				const why = `${failure === 'reset' ? 'every attempt is reset' : `every attempt is answered ${failure.status}`}: the first attempt and ${retries} retr${retries === 1 ? 'y' : 'ies'}`;
				expectAttempts(ctx, origin, path, retries + 1, done, why);
				if (done.report.ok) {
					ctx.fail(
						`Expected ${done.label} to reject once every attempt failed (nothing was cached for this URL), but it resolved to status ${String(done.report.value?.status)}`,
						done.line,
					);
				}
				// Retries that carry on after the caller was told the call failed are still traffic.
				await ctx.sleep(ctx.time.stretch(60));
				expectAttempts(
					ctx,
					origin,
					path,
					retries + 1,
					done,
					`${why}, and nothing after the call settled`,
				);
			}
		}),
};
