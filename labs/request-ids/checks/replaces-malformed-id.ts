// An id from outside is kept only when it is well-formed. One too short, too long, empty, or with
// characters outside letters, digits, '_' and '-' is replaced by a new id, so a caller can neither
// flood the logs nor slip odd text into them.
import type { Check } from '../../../src/harness/index.ts';
import {
	expectMade,
	freshPath,
	plan,
	quote,
	send,
	wellFormedId,
	withChain,
} from '../support/chain.ts';

export const replacesMalformedId: Check = {
	id: 'replaces-malformed-id',
	title:
		'An X-Request-Id that is not 8 to 64 letters, digits, "_" or "-" is replaced by a new well-formed id',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const { int, pick } = ctx.random;
			const inner = () =>
				`${wellFormedId(ctx, int(4, 12))}${pick([' ', '.', ':', '"', '/', '+', '='])}${wellFormedId(ctx, int(4, 12))}`;
			const cases: { id: string; why: string }[] = [
				{ id: wellFormedId(ctx, 7), why: 'with an X-Request-Id of 7 characters, one too few' },
				{ id: wellFormedId(ctx, 65), why: 'with an X-Request-Id of 65 characters, one too many' },
				{ id: wellFormedId(ctx, int(200, 400)), why: 'with an X-Request-Id far too long' },
				{
					id: inner(),
					why: 'with an X-Request-Id holding a character other than letters, digits, "_" or "-"',
				},
				{ id: '', why: 'with an empty X-Request-Id' },
			];
			const made = new Map<string, string>();
			for (const { id, why } of ctx.random.shuffle(cases)) {
				const path = freshPath(ctx);
				plan(ctx, chain, path);
				const res = await send(ctx, chain, { path }, id);
				const fresh = expectMade(ctx, chain, res, path, `${why}, ${quote(id)}`, id);
				const earlier = made.get(fresh);
				if (earlier !== undefined) {
					ctx.fail(
						`Expected a different new id for every request, but GET ${path} got ${quote(fresh)}, the same as GET ${earlier} before it`,
						res.request,
					);
				}
				made.set(fresh, path);
			}
		});
	},
};
