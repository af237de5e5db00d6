// Draining takes a backend out of the rotation at once, even while it is still working: none of
// the requests that follow may reach it.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { setDrain } from '../support/admin.ts';
import { describeBackend, withFarm } from '../support/backends.ts';
import { finishHeld, holdOnEvery, sendSequence } from '../support/traffic.ts';

export const drainStopsNewRequests: Check = {
	id: 'drain-stops-new-requests',
	title: 'A drained backend gets no new requests, while its requests in flight are still running',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const held = await holdOnEvery(ctx, farm, 1, 'held');
			const drained = ctx.random.pick(farm.backends);
			await setDrain(ctx, farm, drained, 'drain');
			const hops = await sendSequence(ctx, farm, (farm.backends.length - 1) * 2);
			hops.forEach((hop, index) => {
				if (hop.receivers.includes(drained)) {
					ctx.fail(
						`Expected no request to reach ${describeBackend(drained)} after it was drained (with 1 request still in flight to it), but request ${index + 1} after the drain (GET ${hop.path}) did`,
						hop.response.request,
					);
				}
			});
			for (const one of held) await finishHeld(farm, one);
		});
	},
};
