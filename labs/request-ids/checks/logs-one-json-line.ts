// Each request leaves exactly one line in the output, a JSON object that names its id, so that a
// search for the id finds the request and a program can read the line back.
import type { Check } from '../../../src/harness/index.ts';
import {
	freshPath,
	logLineOf,
	plan,
	returnedId,
	send,
	wellFormedId,
	withChain,
} from '../support/chain.ts';

export const logsOneJsonLine: Check = {
	id: 'logs-one-json-line',
	title: 'Every request is logged in exactly one line: a JSON object with its requestId',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const requests = ctx.random.shuffle([
				{ method: 'GET', id: wellFormedId(ctx) },
				{ method: 'GET', id: undefined },
				{ method: 'POST', id: wellFormedId(ctx) },
			]);
			for (const { method, id } of requests) {
				const path = freshPath(ctx);
				plan(ctx, chain, path, { status: method === 'POST' ? 201 : 200 });
				const res = await send(
					ctx,
					chain,
					{ method, path, ...(method === 'POST' ? { body: '{"n":1}' } : {}) },
					id,
				);
				await logLineOf(ctx, chain, res, id ?? returnedId(ctx, res));
			}
		});
	},
};
