// A well-formed id from the caller is the request's id: the upstream gets it and so does the
// caller, unchanged, so that the caller's own logs and this service's lines share it.
import type { Check } from '../../../src/harness/index.ts';
import { expectKept, freshPath, plan, send, wellFormedId, withChain } from '../support/chain.ts';

export const keepsIncomingId: Check = {
	id: 'keeps-incoming-id',
	title: 'A well-formed X-Request-Id is passed on to the upstream and returned to the caller',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			// The shortest and the longest well-formed ids, and two in between.
			const lengths = ctx.random.shuffle([8, 64, ctx.random.int(9, 36), ctx.random.int(37, 63)]);
			for (const length of lengths) {
				const id = wellFormedId(ctx, length);
				const path = freshPath(ctx);
				plan(ctx, chain, path);
				const method = ctx.random.pick(['GET', 'DELETE']);
				const res = await send(ctx, chain, { method, path }, id);
				expectKept(ctx, chain, res, path, id);
			}
		});
	},
};
