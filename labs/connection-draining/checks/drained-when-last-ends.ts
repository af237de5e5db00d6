// A draining backend turns drained exactly when its last request ends: not while an answer it has
// begun is still on its way (headers sent is not the end), and not a moment later than needed.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { expectEntry, setDrain, waitForEntry } from '../support/admin.ts';
import { withFarm } from '../support/backends.ts';
import { expectBackendAnswer, finishHeld, holdOnEvery } from '../support/traffic.ts';

export const drainedWhenLastEnds: Check = {
	id: 'drained-when-last-ends',
	title: 'A draining backend stays draining until its last answer has ended, then turns drained',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			// Every held answer has sent its status, headers and half its body: begun, not ended.
			const each = ctx.random.int(2, 3);
			const held = await holdOnEvery(ctx, farm, each, 'halfway');
			const drained = ctx.random.pick(farm.backends);
			const entry = await setDrain(ctx, farm, drained, 'drain');
			expectEntry(
				ctx,
				farm,
				drained,
				entry,
				{ state: 'draining', inFlight: each },
				`in the answer to POST /admin/drain, while ${each} of its answers had begun but not ended`,
			);
			const mine = ctx.random.shuffle(held.filter((one) => one.backend === drained));
			for (const [index, one] of mine.entries()) {
				const why = `to backend ${drained.number} when it was drained`;
				expectBackendAnswer(ctx, one, await finishHeld(farm, one), why);
				const left = each - index - 1;
				const expected =
					left > 0
						? { state: 'draining' as const, inFlight: left }
						: { state: 'drained' as const, inFlight: 0 };
				await waitForEntry(
					ctx,
					farm,
					drained,
					expected,
					`after ${index + 1} of its ${each} answers had ended`,
				);
			}
			for (const one of held) farm.release(one.path);
		});
	},
};
