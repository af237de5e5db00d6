// Draining is gentle: the requests a backend is working on when it is drained carry on and their
// clients get the backend's answers, as if nothing had happened.
import { TimingFailure, type Check, type CheckContext } from '../../../src/harness/index.ts';
import { setDrain } from '../support/admin.ts';
import { describeBackend, withFarm } from '../support/backends.ts';
import { expectBackendAnswer, holdOnEvery, sendSequence } from '../support/traffic.ts';

export const inFlightRequestsFinish: Check = {
	id: 'in-flight-requests-finish',
	title: 'Requests in flight to a backend when it is drained get its answers unchanged',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const each = ctx.random.int(1, 2);
			const held = await holdOnEvery(ctx, farm, each, 'held');
			const drained = ctx.random.pick(farm.backends);
			await setDrain(ctx, farm, drained, 'drain');
			await sendSequence(ctx, farm, farm.backends.length - 1);
			const why = `to ${describeBackend(drained)} when it was drained`;
			const mine = ctx.random.shuffle(held.filter((one) => one.backend === drained));
			for (const one of mine) {
				farm.release(one.path);
				const outcome = await one.response;
				if (outcome instanceof TimingFailure) throw outcome;
				if (outcome instanceof Error) {
					ctx.fail(
						`Expected GET ${one.path}, in flight ${why}, to get its answer, but: ${outcome.message}`,
						{ method: 'GET', url: `${farm.program.url}${one.path}` },
					);
				}
				expectBackendAnswer(ctx, one, outcome, why);
			}
			for (const one of held) farm.release(one.path);
		});
	},
};
