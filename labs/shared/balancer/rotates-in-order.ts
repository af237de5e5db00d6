import type { Check } from '../../../src/harness/index.ts';
import { type LaunchFor, startPool } from './pool.ts';
import { expectCycle, reportShares, sendSequence } from './rotation.ts';

/** Three full rounds, one request at a time: enough to see the order repeat, whoever goes first. */
export function rotatesInOrder(launchFor?: LaunchFor): Check {
	return {
		id: 'rotates-in-order',
		title: 'Requests rotate across backends in list order',
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			const hops = await sendSequence(ctx, pool, pool.backends.length * 3);
			reportShares(ctx, pool, hops);
			expectCycle(ctx, hops, pool.backends);
		},
	};
}
