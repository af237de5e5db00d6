// Requests overlap: while one waits on the upstream, others arrive. Each must keep its own id all
// the way through, which an id kept anywhere but in the request's own scope does not survive.
import type { Check, GraderResponse } from '../../../src/harness/index.ts';
import {
	expectKept,
	expectMade,
	freshPath,
	label,
	logLineOf,
	plan,
	quote,
	send,
	wellFormedId,
	withChain,
} from '../support/chain.ts';

export const keepsIdsApart: Check = {
	id: 'keeps-ids-apart',
	title:
		'Requests that overlap each keep their own id, upstream, in the answer and in the log line',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			// The upstream answers in another order than the requests arrived in.
			const delays = ctx.random.shuffle([60, 120, 180, 240, 300]);
			const given = [wellFormedId(ctx), wellFormedId(ctx), wellFormedId(ctx), undefined, undefined];
			const sent = ctx.random.shuffle(given).map((id, i) => {
				const path = freshPath(ctx);
				plan(ctx, chain, path, { delayMs: delays[i]! });
				const response = send(ctx, chain, { path }, id);
				// Read in order below; one that fails while an earlier one is judged is not left unhandled.
				response.catch(() => {});
				return { id, path, response };
			});
			const answered: { res: GraderResponse; id: string; path: string }[] = [];
			const made = new Map<string, string>();
			for (const { id, path, response } of sent) {
				const res = await response;
				if (id !== undefined) {
					expectKept(ctx, chain, res, path, id);
					answered.push({ res, id, path });
					continue;
				}
				const fresh = expectMade(
					ctx,
					chain,
					res,
					path,
					'without an X-Request-Id, alongside others',
				);
				const earlier = made.get(fresh);
				if (earlier !== undefined) {
					ctx.fail(
						`Expected a different id for every request, but GET ${path} got ${quote(fresh)}, the same as GET ${earlier} sent at the same time`,
						res.request,
					);
				}
				made.set(fresh, path);
				answered.push({ res, id: fresh, path });
			}
			for (const { res, id, path } of answered) {
				const entry = await logLineOf(ctx, chain, res, id);
				if (entry['path'] !== path) {
					ctx.fail(
						`Expected the log line with id ${quote(id)} to be about ${label(res)}, but it says "path":${JSON.stringify(entry['path'] ?? null)}: ${JSON.stringify(entry)}`,
						res.request,
					);
				}
			}
		});
	},
};
