import type { Check } from '../../../src/harness/index.ts';
import { InFlight } from '../support/in-flight.ts';
import { startWith } from '../support/strategy.ts';

/** Every backend but one is kept busy with a held request; each of those must have gone to an idle
 * backend, and quick requests sent one after another must then all go to the one still idle. */
export const avoidsBusy: Check = {
	id: 'least-connections-avoids-busy',
	title: 'Least connections: new requests go to the backend with the fewest in flight',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'least-connections');
		const script = new InFlight(ctx, pool);
		try {
			for (let index = 1; index < pool.backends.length; index++) await script.hold();
			for (let index = 0; index < 3; index++) await script.quick();
		} finally {
			script.releaseAll();
		}
	},
};
