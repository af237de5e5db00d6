// A request that arrives without an id gets one here, the first layer to see it: a fresh,
// well-formed id that the upstream and the caller both receive, and no two requests share.
import type { Check } from '../../../src/harness/index.ts';
import { expectMade, freshPath, plan, quote, send, withChain } from '../support/chain.ts';

export const createsMissingId: Check = {
	id: 'creates-missing-id',
	title:
		'A request without X-Request-Id gets a new well-formed id, the same upstream and back, and a different one each time',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const made = new Map<string, string>();
			for (let i = 0; i < 4; i++) {
				const path = freshPath(ctx);
				plan(ctx, chain, path);
				const res = await send(ctx, chain, { path });
				const id = expectMade(ctx, chain, res, path, 'without an X-Request-Id');
				const earlier = made.get(id);
				if (earlier !== undefined) {
					ctx.fail(
						`Expected a different id for every request, but GET ${path} got ${quote(id)}, the same as GET ${earlier} before it`,
						res.request,
					);
				}
				made.set(id, path);
			}
		});
	},
};
