import type {
	Check,
	CheckContext,
	FakeBehaviour,
	GraderResponse,
} from '../../../src/harness/index.ts';
import { CheckFailure } from '../../../src/harness/index.ts';
import { numbers, receiversOf, startPool, uniquePath } from '../../shared/balancer/pool.ts';
import { failureBoundMs, health } from '../support/health.ts';

/** Three ways to fail a health check; every one of them appears among the backends. */
const FAILURES: FakeBehaviour[] = [
	{ kind: 'fail', status: 500 },
	{ kind: 'refuse' },
	{ kind: 'stall' },
];

/** "At once" leaves room for a busy machine, but not for trying the backends or waiting for one. */
const AT_ONCE_MS = 1000;

export const noHealthyBackend: Check = {
	id: 'no-healthy-backend-503',
	title: 'With no healthy backend, clients get 503 at once',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		const settings = health(ctx, { intervalMs: 200, timeoutMs: 100 });
		const pool = await startPool(ctx, { count: ctx.random.int(3, 5), launch: settings.launch });
		const failures = ctx.random.shuffle(FAILURES);
		await Promise.all(
			pool.backends.map((backend, index) =>
				backend.server.behave(failures[index % failures.length] as FakeBehaviour),
			),
		);
		await ctx.sleep(failureBoundMs(settings));
		for (const method of ['GET', ctx.random.pick(['POST', 'DELETE'])]) {
			const path = uniquePath(ctx);
			const label = `${method} ${path}`;
			let response: GraderResponse;
			try {
				response = await ctx.request(pool.program, { method, path, timeoutMs: 2000 });
			} catch (error) {
				if (!(error instanceof CheckFailure) || !error.message.startsWith('No response'))
					throw error;
				ctx.failTiming(
					`Expected 503 at once for ${label} when no backend is healthy, but got no answer within ${ctx.time.stretch(2000)} ms`,
					error.request,
				);
			}
			const receivers = receiversOf(pool, path);
			if (response.status !== 503) {
				const from = receivers.length > 0 ? ` (it was sent to ${numbers(receivers)})` : '';
				ctx.fail(
					`Expected 503 for ${label} when no backend is healthy, but the client got ${response.status}${from}`,
					response.request,
				);
			}
			if (response.durationMs > ctx.time.stretch(AT_ONCE_MS)) {
				ctx.failTiming(
					`Expected 503 at once for ${label} when no backend is healthy, but it took ${response.durationMs} ms`,
					response.request,
				);
			}
		}
	},
};
