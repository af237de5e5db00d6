// Refusing must cost next to nothing: a shed answer comes at once, long before the requests in
// flight finish, judged against the upstream's own time rather than a fixed number of ms.
import type { Check } from '../../../src/harness/index.ts';
import { fill, freshPath, planFor, send, expectUpstreamAnswer } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

/** The upstream's time for each request in flight, before stretching. */
const DELAY_MS = 1000;
/** A shed answer must come within this fraction of the upstream's time. */
const FRACTION = 5;

export const shedsFast: Check = {
	id: 'sheds-fast',
	title: 'A shed request is answered at once, long before the requests in flight finish',
	timeoutMs: 15_000,
	slow: true,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { limit } = launched;
			const delayMs = ctx.time.stretch(DELAY_MS);
			const boundMs = Math.round(delayMs / FRACTION);
			const filled = await fill(ctx, launched, undefined, (path) =>
				planFor(ctx, launched, path, { delayMs }),
			);
			const extras = Array.from({ length: ctx.random.int(2, 4) }, () => {
				const path = freshPath(ctx);
				planFor(ctx, launched, path, { delayMs: 0 });
				return send(ctx, launched, { path });
			});
			const state = `while ${limit} requests, each taking the upstream ${delayMs} ms, were in flight (MAX_IN_FLIGHT=${limit})`;
			const shed = [];
			for (const sent of extras) {
				const res = await sent.response;
				if (res.status !== 503) {
					ctx.fail(
						`Expected 503 for GET ${sent.path}, sent ${state}, got ${res.status}`,
						res.request,
					);
				}
				shed.push(res);
			}
			const slowest = shed.reduce((a, b) => (b.durationMs > a.durationMs ? b : a));
			ctx.figure('slowest shed answer, ms', slowest.durationMs);
			if (slowest.durationMs > boundMs) {
				ctx.failTiming(
					`Expected a shed request to be answered within ${boundMs} ms (a ${FRACTION}th of the upstream's ${delayMs} ms), sent ${state}, but the slowest of ${shed.length} took ${slowest.durationMs} ms to get its 503`,
					slowest.request,
				);
			}
			const lastShed = Math.max(...extras.map((sent) => sent.settledAt ?? Date.now()));
			for (const { sent, plan } of filled.held) {
				const res = await sent.response;
				expectUpstreamAnswer(ctx, res, plan);
				if ((sent.settledAt ?? 0) < lastShed) {
					ctx.failTiming(
						`Expected every shed request to be answered before the requests in flight, but one of those got its answer from the upstream first`,
						res.request,
					);
				}
			}
		});
	},
};
