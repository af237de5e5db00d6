import type { Check, GraderResponse } from '../../../src/harness/index.ts';
import { type LaunchFor, nameBackend, receiversOf, startPool, uniquePath } from './pool.ts';

/** How long each backend takes to answer; long enough that the requests overlap at the backends. */
const DELAY_MS = 250;
/** Handled one at a time, 20 requests would take 20 delays; at once, about one. Eight delays leaves
 * a busy machine plenty of room while still catching a balancer that queues its requests. Both are
 * stretched by the machine's time scale, so their ratio, which is what this check judges, holds. */
const LIMIT_MS = DELAY_MS * 8;

/** k × N requests sent at once: whatever order they arrive in, a rotation gives each backend k. */
export function concurrentRequests(launchFor?: LaunchFor): Check {
	return {
		id: 'concurrent-requests',
		title: 'Concurrent requests are handled at once and shared out evenly',
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			const delayMs = ctx.time.stretch(DELAY_MS);
			pool.answer = async (request, backend) => {
				await new Promise((resolve) => setTimeout(resolve, delayMs));
				return nameBackend(request, backend);
			};
			const each = Math.ceil(20 / pool.backends.length);
			const total = each * pool.backends.length;
			const paths = Array.from({ length: total }, () => uniquePath(ctx));
			const started = Date.now();
			const settled = await Promise.allSettled(
				paths.map((path) => ctx.request(pool.program, { path, timeoutMs: LIMIT_MS })),
			);
			const elapsed = Date.now() - started;
			const failed = settled.filter((result) => result.status === 'rejected');
			if (failed.length > 0) {
				const first =
					failed[0]?.reason instanceof Error ? failed[0].reason.message : String(failed[0]?.reason);
				ctx.failTiming(
					`Expected ${total} concurrent requests to be answered within ${ctx.time.stretch(LIMIT_MS)} ms, as each backend answers in ${delayMs} ms, but ${failed.length} were not: ${first}`,
				);
			}
			ctx.figure('milliseconds for all requests', elapsed);
			const responses = settled.map(
				(result) => (result as PromiseFulfilledResult<GraderResponse>).value,
			);
			const shares = pool.backends.map(
				(backend) => paths.filter((path) => receiversOf(pool, path).includes(backend)).length,
			);
			ctx.figure(
				'requests per backend',
				Object.fromEntries(shares.map((share, index) => [`backend ${index + 1}`, share])),
			);
			if (shares.some((share) => share !== each)) {
				const spread = shares.map((share, index) => `backend ${index + 1}: ${share}`).join(', ');
				ctx.fail(
					`Expected each backend to receive ${each} of ${total} concurrent requests, but they got ${spread}`,
					responses[0]?.request,
				);
			}
		},
	};
}
