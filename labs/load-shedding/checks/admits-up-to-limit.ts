// MAX_IN_FLIGHT requests at once all go to the upstream together, so none of them waits for
// another: first while the upstream holds them (a count), then against a real delay (a time).
import type { Check } from '../../../src/harness/index.ts';
import {
	fill,
	finish,
	freshPath,
	planFor,
	send,
	expectUpstreamAnswer,
} from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

/** The upstream's time for one request, before stretching. */
const DELAY_MS = 400;

export const admitsUpToLimit: Check = {
	id: 'admits-up-to-limit',
	title:
		'MAX_IN_FLIGHT requests at once all reach the upstream together and finish in about its time for one',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { limit, upstream } = launched;
			await finish(ctx, launched, await fill(ctx, launched));
			await ctx.sleep(ctx.time.stretch(100));

			const delayMs = ctx.time.stretch(DELAY_MS);
			const boundMs = Math.round(delayMs * 1.5);
			upstream.resetMax();
			const started = Date.now();
			const sent = Array.from({ length: limit }, () => {
				const path = freshPath(ctx);
				return {
					plan: planFor(ctx, launched, path, { delayMs }),
					sent: send(ctx, launched, { path }),
				};
			});
			const answers = [];
			for (const one of sent) {
				const res = await one.sent.response;
				expectUpstreamAnswer(ctx, res, one.plan);
				answers.push(res);
			}
			const elapsed = Math.max(...sent.map((one) => one.sent.settledAt ?? Date.now())) - started;
			ctx.figure('milliseconds for MAX_IN_FLIGHT requests', elapsed);
			ctx.figure('most requests at the upstream at once', upstream.maxInFlight);
			if (elapsed > boundMs) {
				ctx.failTiming(
					`Expected ${limit} requests sent together (MAX_IN_FLIGHT=${limit}), each taking the upstream ${delayMs} ms, to be answered within ${boundMs} ms, but the last took ${elapsed} ms; the upstream held at most ${upstream.maxInFlight} at once`,
					answers.at(-1)?.request,
				);
			}
		});
	},
};
