// Undraining puts a backend back in its place in the rotation, at once, even while requests from
// before are still in flight to it; those keep counting until they end.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, setDrain, waitForEntry } from '../support/admin.ts';
import { withFarm } from '../support/backends.ts';
import { expectCycle, finishHeld, holdOnEvery, sendSequence } from '../support/traffic.ts';

export const undrainReturnsToRotation: Check = {
	id: 'undrain-returns-to-rotation',
	title: 'An undrained backend is active again and takes its turns in list order',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const held = await holdOnEvery(ctx, farm, 1, 'held');
			const chosen = ctx.random.pick(farm.backends);
			await setDrain(ctx, farm, chosen, 'drain');
			await sendSequence(ctx, farm, farm.backends.length - 1);
			const entry = await setDrain(ctx, farm, chosen, 'undrain');
			expectEntry(
				ctx,
				farm,
				chosen,
				entry,
				{ state: 'active', inFlight: 1 },
				'in the answer to POST /admin/undrain, sent while 1 request was in flight to it',
			);
			const hops = await sendSequence(ctx, farm, farm.backends.length * 2);
			expectCycle(ctx, hops, farm.backends, `after backend ${chosen.number} was undrained`);
			for (const one of held) await finishHeld(farm, one);
			await waitForEntry(
				ctx,
				farm,
				chosen,
				{ state: 'active', inFlight: 0 },
				'after its last request from before the drain was answered',
			);
		});
	},
};
