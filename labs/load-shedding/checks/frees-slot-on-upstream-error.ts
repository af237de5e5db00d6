// An upstream that breaks off or refuses is answered with 502, and the slot comes back: the error
// path is where a forgotten release most often hides.
import { expectJsonError, type Check } from '../../../src/harness/index.ts';
import { freshPath, fullRound, send, SETTLE_MS } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

export const freesSlotOnUpstreamError: Check = {
	id: 'frees-slot-on-upstream-error',
	title: 'A request the upstream breaks off or refuses gets 502, and its slot is given back',
	timeoutMs: 20_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { limit, upstream } = launched;
			const broken = Array.from({ length: limit }, () => {
				const path = freshPath(ctx);
				upstream.plans.set(path, { kind: 'reset' });
				return send(ctx, launched, { path, timeoutMs: 4000 });
			});
			for (const sent of broken) {
				const res = await sent.response;
				if (res.status !== 502) {
					ctx.fail(
						`Expected 502 for GET ${sent.path}, whose connection the upstream broke off before answering, got ${res.status}`,
						res.request,
					);
				}
				expectJsonError(res, 502);
			}
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			await fullRound(
				ctx,
				launched,
				`after ${limit} requests whose upstream connection was broken off`,
			);

			await upstream.refuse();
			try {
				const refused = Array.from({ length: limit }, () =>
					send(ctx, launched, { path: freshPath(ctx), timeoutMs: 4000 }),
				);
				for (const sent of refused) {
					const res = await sent.response;
					if (res.status !== 502) {
						ctx.fail(
							`Expected 502 for GET ${sent.path} while the upstream refused connections, got ${res.status}`,
							res.request,
						);
					}
					expectJsonError(res, 502);
				}
			} finally {
				await upstream.listen();
			}
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			await fullRound(ctx, launched, `after ${limit} requests the upstream refused`);
		});
	},
};
