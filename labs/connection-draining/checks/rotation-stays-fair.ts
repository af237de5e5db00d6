// Taking one backend out must not tilt the rotation: the others keep their order and each gets
// the same share, rather than the drained backend's neighbour taking its turns as well.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { setDrain } from '../support/admin.ts';
import { withFarm } from '../support/backends.ts';
import { expectCycle, sendSequence } from '../support/traffic.ts';

export const rotationStaysFair: Check = {
	id: 'rotation-stays-fair',
	title: 'With one backend drained, the others take turns in list order, an equal share each',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const drained = ctx.random.pick(farm.backends);
			await setDrain(ctx, farm, drained, 'drain');
			const members = farm.backends.filter((backend) => backend !== drained);
			const hops = await sendSequence(ctx, farm, members.length * 3);
			const shares: Record<string, number> = {};
			for (const backend of farm.backends) {
				shares[`backend ${backend.number}`] = hops.filter((hop) =>
					hop.receivers.includes(backend),
				).length;
			}
			ctx.figure('requests per backend', shares);
			expectCycle(ctx, hops, members, `after backend ${drained.number} was drained`);
		});
	},
};
