// A backend that breaks off ends the request too: before answering (the client gets 502) or
// halfway through an answer (the client's answer is cut). Either way its count must come down.
import { TimingFailure, type Check, type CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, setDrain, waitForEntry } from '../support/admin.ts';
import { describeBackend, withFarm } from '../support/backends.ts';
import { holdOnEvery, lineFor } from '../support/traffic.ts';

export const backendErrorEndsRequest: Check = {
	id: 'backend-error-ends-request',
	title: 'A request whose backend breaks off ends, so its draining backend turns drained',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			// One round broken off before any answer, one broken off after the headers and half a body.
			const held = [
				...(await holdOnEvery(ctx, farm, 1, 'break')),
				...(await holdOnEvery(ctx, farm, 1, 'cut')),
			];
			const drained = ctx.random.pick(farm.backends);
			const entry = await setDrain(ctx, farm, drained, 'drain');
			expectEntry(
				ctx,
				farm,
				drained,
				entry,
				{ state: 'draining', inFlight: 2 },
				'in the answer to POST /admin/drain, while it held 2 requests',
			);
			const [broken, cut] = held.filter((one) => one.backend === drained);
			if (!broken || !cut) throw new Error('grader error: the drained backend holds fewer than 2');

			farm.release(broken.path);
			const first = await broken.response;
			if (first instanceof TimingFailure) throw first;
			const status = first instanceof Error ? first.message : `status ${first.status}`;
			if (first instanceof Error || first.status !== 502) {
				ctx.fail(
					`Expected 502 for GET ${broken.path}, whose backend ${describeBackend(drained)} broke the connection before answering, but the client got ${status}`,
					lineFor(farm, broken.path),
				);
			}
			await waitForEntry(
				ctx,
				farm,
				drained,
				{ state: 'draining', inFlight: 1 },
				`after its backend broke off GET ${broken.path} before answering`,
			);

			// The client's answer is cut short; what it sees is no matter here, only the count.
			farm.release(cut.path);
			await waitForEntry(
				ctx,
				farm,
				drained,
				{ state: 'drained', inFlight: 0 },
				`after its backend broke off the answer to GET ${cut.path} halfway`,
			);
			for (const one of held) farm.release(one.path);
		});
	},
};
