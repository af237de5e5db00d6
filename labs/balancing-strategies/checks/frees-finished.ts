import type { Check } from '../../../src/harness/index.ts';
import { InFlight } from '../support/in-flight.ts';
import { startWith } from '../support/strategy.ts';

/** Counts go up to two per backend and come down again as the grader lets answers through: a
 * balancer must see each finished request leave its backend's count, and only that backend's. */
export const freesFinished: Check = {
	id: 'least-connections-frees-finished',
	title: 'Least connections: a request stops counting once its answer is finished',
	timeoutMs: 10_000,
	slow: true,
	async run(ctx) {
		const pool = await startWith(ctx, 'least-connections');
		const script = new InFlight(ctx, pool);
		try {
			// One held request on every backend; the one freed first must then take the quick ones.
			const count = pool.backends.length;
			for (let index = 0; index < count; index++) await script.hold();
			const first = ctx.random.pick(pool.backends);
			await script.release(first);
			for (let index = 0; index < 2; index++) await script.quick();
			// Two on each backend but one, which must then be the only one to get requests.
			for (let index = 0; index < count; index++) await script.hold();
			for (let index = 0; index < 2; index++) await script.quick();
			// Freeing both of one backend's requests makes it the least busy, below the others.
			const busiest = pool.backends.filter((backend) => script.count(backend) === 2);
			const freed = ctx.random.pick(busiest);
			await script.release(freed);
			await script.release(freed);
			for (let index = 0; index < 2; index++) await script.quick();
			await script.hold();
			await script.hold();
		} finally {
			script.releaseAll();
		}
	},
};
