import type { Check, FakeBehaviour } from '../../../src/harness/index.ts';
import { CheckFailure } from '../../../src/harness/index.ts';
import { describeBackend, receiversOf, startPool, uniquePath } from '../../shared/balancer/pool.ts';
import { type Hop, expectCycle, expectOneReceiver } from '../../shared/balancer/rotation.ts';
import { failureBoundMs, health } from '../support/health.ts';

interface Failure {
	behaviour: FakeBehaviour;
	/** What the backend began to do, for messages ("began failing health checks"). */
	began: string;
}

/** One backend starts failing; once the contract's bound has passed, client requests must go
 * round the other backends only. `ordered` also demands the rotation over them stays in order. */
function skipsUnhealthy(
	id: string,
	title: string,
	failure: (pick: <T>(items: readonly T[]) => T) => Failure,
	timeoutMs: number,
	ordered: boolean,
): Check {
	return {
		id,
		title,
		timeoutMs: 10_000,
		async run(ctx) {
			const settings = health(ctx, { intervalMs: 200, timeoutMs });
			const pool = await startPool(ctx, { count: ctx.random.int(3, 5), launch: settings.launch });
			const sick = ctx.random.pick(pool.backends);
			const { behaviour, began } = failure(ctx.random.pick);
			await sick.server.behave(behaviour);
			const since = Date.now();
			await ctx.sleep(failureBoundMs(settings));
			const others = pool.backends.filter((backend) => backend !== sick);
			const hops: Hop[] = [];
			for (let index = 0; index < others.length * 2; index++) {
				const path = uniquePath(ctx);
				const sentAt = Date.now() - since;
				const reachedSick = () =>
					`Expected no requests for ${describeBackend(sick)} from ${failureBoundMs(settings)} ms after it ${began}, but request ${index + 1}, sent at ${sentAt} ms, reached it`;
				try {
					const response = await ctx.request(pool.program, { path, timeoutMs: 1500 });
					const receivers = receiversOf(pool, path);
					if (receivers.includes(sick)) ctx.failTiming(reachedSick(), response.request);
					hops.push({ path, response, receivers });
				} catch (error) {
					if (error instanceof CheckFailure && receiversOf(pool, path).includes(sick)) {
						ctx.failTiming(reachedSick(), error.request);
					}
					throw error;
				}
			}
			if (ordered) expectCycle(ctx, hops, others);
			else hops.forEach((hop, index) => expectOneReceiver(ctx, hop, index + 1));
		},
	};
}

export const skipsFailingBackend = skipsUnhealthy(
	'skips-failing-backend',
	'A backend whose health checks fail gets no requests, and the others keep rotating in order',
	(pick) => {
		const status = pick([500, 503, 404]);
		return {
			behaviour: { kind: 'fail', status },
			began: `began failing health checks (status ${status})`,
		};
	},
	150,
	true,
);

export const skipsStalledBackend = skipsUnhealthy(
	'skips-stalled-backend',
	'A backend that stops answering within HEALTH_TIMEOUT_MS gets no requests',
	() => ({ behaviour: { kind: 'stall' }, began: 'stopped answering health checks' }),
	100,
	false,
);
