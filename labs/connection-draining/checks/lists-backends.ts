// The admin API's list is the operator's view of the pool: every backend, by the URL it was
// given, in order, and at start all of them in rotation with nothing in flight.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, readBackends } from '../support/admin.ts';
import { withFarm } from '../support/backends.ts';

export const listsBackends: Check = {
	id: 'lists-backends',
	title: 'GET /admin/backends lists every backend in order, active with nothing in flight',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const entries = await readBackends(ctx, farm);
			farm.backends.forEach((backend, index) => {
				const entry = entries[index]!;
				expectEntry(ctx, farm, backend, entry, { state: 'active', inFlight: 0 }, 'at start');
			});
		});
	},
};
