// Options left out take their defaults: 2 retries, waits drawn under 100 and then 200 ms.
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

const DEFAULT_RETRIES = 2;
/** min(maxDelayMs 1000, baseDelayMs 100 × 2^(n-1)) for the two default retries. */
const CEILINGS = [100, 200];

export const usesDefaultOptions: Check = {
	id: 'uses-default-options',
	title: 'Without options, a call makes 3 attempts with waits under 100 and 200 ms',
	timeoutMs: CHECK_TIMEOUT_MS,
	run: (ctx) =>
		withOrigin(ctx, async ({ driver, origin }) => {
			const path = freshPath(ctx);
			origin.script(path, [{ status: 503, body: 'try again later' }]);
			// No options argument at all: `fetchWithRetry(url)` must work on its own.
			const done = await call(
				ctx,
				driver,
				origin.url + path,
				undefined,
				5000,
				'two retries, waits under 300 ms in all',
			);
			const times = expectAttempts(
				ctx,
				origin,
				path,
				DEFAULT_RETRIES + 1,
				done,
				`retries defaults to ${DEFAULT_RETRIES}`,
			);
			for (const [retry, gap] of gaps(times).entries()) {
				const ceiling = CEILINGS[retry] as number;
				if (gap > allowed(done, ceiling)) {
					ctx.failTiming(
						`Expected retry ${retry + 1} of ${done.label} to wait at most ${ceiling} ms (baseDelayMs defaults to 100; ${allowed(done, ceiling)} ms allowing for timers and a busy machine), but it came ${gap} ms after attempt ${retry + 1}`,
						done.line,
					);
				}
			}
			expectRejection(ctx, done, 'every attempt failed and nothing was cached');
		}),
};
