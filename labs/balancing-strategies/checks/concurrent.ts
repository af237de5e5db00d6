import type { Check, GraderResponse } from '../../../src/harness/index.ts';
import { nameBackend, uniquePath } from '../../shared/balancer/pool.ts';
import { startWith } from '../support/strategy.ts';

/** How long each backend takes to answer; long enough that the requests overlap at the backends. */
const DELAY_MS = 250;
/** One at a time, 20 requests take 20 delays; at once, about one. Eight leaves a busy machine room.
 * Both are stretched by the machine's time scale, so the ratio this check judges holds. */
const LIMIT_MS = DELAY_MS * 8;

/** Twenty requests at once to slow backends must all be answered in a few delays. How they are
 * shared is not judged here: it depends on when each one arrives, which the grader cannot fix. */
export const concurrentRequests: Check = {
	id: 'concurrent-requests',
	title: 'Least connections: concurrent requests are handled at once',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'least-connections');
		const delayMs = ctx.time.stretch(DELAY_MS);
		pool.answer = async (request, backend) => {
			await new Promise((resolve) => setTimeout(resolve, delayMs));
			return nameBackend(request, backend);
		};
		const paths = Array.from({ length: 20 }, () => uniquePath(ctx));
		const started = Date.now();
		const settled = await Promise.allSettled(
			paths.map((path) => ctx.request(pool.program, { path, timeoutMs: LIMIT_MS })),
		);
		ctx.figure('milliseconds for all requests', Date.now() - started);
		const failed = settled.filter((result) => result.status === 'rejected');
		if (failed.length > 0) {
			const first =
				failed[0]?.reason instanceof Error ? failed[0].reason.message : String(failed[0]?.reason);
			ctx.failTiming(
				`Expected ${paths.length} concurrent requests to be answered within ${ctx.time.stretch(LIMIT_MS)} ms, as each backend answers in ${delayMs} ms, but ${failed.length} were not: ${first}`,
			);
		}
		const wrong = settled
			.map((result) => (result as PromiseFulfilledResult<GraderResponse>).value)
			.find((response) => response.status !== 200);
		if (wrong)
			ctx.fail(`Expected status 200 from a working backend, got ${wrong.status}`, wrong.request);
	},
};
