import type { Check } from '../../../src/harness/index.ts';
import { describeBackend, startPool } from '../../shared/balancer/pool.ts';
import { expectCycle, sendSequence } from '../../shared/balancer/rotation.ts';
import { failureBoundMs, health, recoveryBoundMs } from '../support/health.ts';

/** A backend fails long enough to be dropped, then recovers; within two intervals it must be back
 * in the rotation, in its place in BACKENDS order. */
export const returnsAfterRecovery: Check = {
	id: 'returns-after-recovery',
	title: 'A backend that passes its health checks again is back in the rotation',
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 200, timeoutMs: 150 });
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: settings.launch });
		const sick = ctx.random.pick(pool.backends);
		await sick.server.behave(ctx.random.pick([{ kind: 'refuse' }, { kind: 'fail' }] as const));
		await ctx.sleep(failureBoundMs(settings));
		await sick.server.behave({ kind: 'respond' });
		await ctx.sleep(recoveryBoundMs(settings));
		const hops = await sendSequence(ctx, pool, pool.backends.length * 2);
		const back = hops.findIndex((hop) => hop.receivers.includes(sick));
		if (back === -1) {
			ctx.failTiming(
				`Expected ${describeBackend(sick)} to get requests again within ${recoveryBoundMs(settings)} ms of passing its health checks, but none of the next ${hops.length} requests reached it`,
				hops[0]?.response.request,
			);
		}
		expectCycle(ctx, hops, pool.backends);
	},
};
