// Starting the balancer with one strategy or the other, through the shared balancer pool.
import type { CheckContext } from '../../../src/harness/index.ts';
import { type LaunchFor, type Pool, startPool } from '../../shared/balancer/pool.ts';

export type Strategy = 'least-connections' | 'ip-hash';

/** For the shared balancer forwarding checks, which take the lab's start-up as a function. */
export function withStrategy(strategy: Strategy): LaunchFor {
	return () => ({ env: { STRATEGY: strategy } });
}

/** Starts `count` fake backends (random between `min` and 5) and the balancer with `strategy`. */
export function startWith(ctx: CheckContext, strategy: Strategy, min = 2): Promise<Pool> {
	return startPool(ctx, {
		count: ctx.random.int(min, 5),
		launch: { env: { STRATEGY: strategy } },
	});
}
