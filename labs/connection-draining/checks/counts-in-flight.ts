// Every backend's inFlight is what the grader holds there: up as requests reach it, and down as
// their answers end, one by one, and only on the backend that answered.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, readBackends, waitForEntry } from '../support/admin.ts';
import { type Farm, withFarm } from '../support/backends.ts';
import { type Held, finishHeld, holdOnEvery, sendHeld } from '../support/traffic.ts';

/** Waits until every backend reports, active, the requests the grader still holds there. */
async function expectCounts(ctx: CheckContext, farm: Farm, when: string) {
	for (const backend of farm.backends) {
		const expected = { state: 'active' as const, inFlight: farm.holding(backend).length };
		await waitForEntry(ctx, farm, backend, expected, when);
	}
}

export const countsInFlight: Check = {
	id: 'counts-in-flight',
	title: "Each backend's inFlight counts the requests it is working on, and drops as they end",
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			const held: Held[] = await holdOnEvery(ctx, farm, 1, 'held');
			const extra = ctx.random.int(1, farm.backends.length - 1);
			for (let index = 0; index < extra; index++) held.push(await sendHeld(ctx, farm, 'held'));
			// Each request was counted before it was sent on, so the counts must already be right.
			const entries = await readBackends(ctx, farm);
			farm.backends.forEach((backend, index) => {
				const inFlight = farm.holding(backend).length;
				expectEntry(
					ctx,
					farm,
					backend,
					entries[index]!,
					{ state: 'active', inFlight },
					`while it held ${inFlight} of the grader's requests`,
				);
			});
			// First one answer of a backend that holds two, whose count must then read 1: a request
			// counted out twice, or out of the wrong backend, shows there.
			const doubled = held.filter((one) => farm.holding(one.backend).length === 2);
			const first = ctx.random.pick(doubled);
			await finishHeld(farm, first);
			await expectCounts(
				ctx,
				farm,
				`after GET ${first.path} to backend ${first.backend.number} was answered`,
			);
			const order = ctx.random.shuffle(held.filter((one) => one !== first));
			const half = Math.ceil(order.length / 2);
			for (const one of order.slice(0, half)) await finishHeld(farm, one);
			await expectCounts(
				ctx,
				farm,
				`after ${half + 1} of ${held.length} held requests were answered`,
			);
			for (const one of order.slice(half)) await finishHeld(farm, one);
			await expectCounts(ctx, farm, `after all ${held.length} held requests were answered`);
		});
	},
};
