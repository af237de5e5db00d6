import type { Check } from '../../../src/harness/index.ts';
import { startPool } from '../../shared/balancer/pool.ts';
import { expectCycle, sendSequence } from '../../shared/balancer/rotation.ts';
import { health } from '../support/health.ts';

/** Requests sent right after start-up, long before the first interval has passed, must be served:
 * a balancer may not wait for a first passing check before it trusts its backends. */
export const startsHealthy: Check = {
	id: 'starts-healthy',
	title: 'Every backend is in the rotation from the start',
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 5000, timeoutMs: 1000 });
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: settings.launch });
		const hops = await sendSequence(ctx, pool, pool.backends.length * 2);
		expectCycle(ctx, hops, pool.backends);
	},
};
