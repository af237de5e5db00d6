// A shed request is told what happened and when to come back: 503, Retry-After in whole seconds
// (at least one: zero would invite it straight back), and a JSON error.
import type { Check } from '../../../src/harness/index.ts';
import { expectShedAnswer, fill, finish, freshPath, planFor, send } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

export const shedAnswer: Check = {
	id: 'shed-answer',
	title: 'A shed request gets 503 with Retry-After in whole seconds (at least 1) and a JSON error',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { limit } = launched;
			const filled = await fill(ctx, launched);
			try {
				for (let i = 0; i < 2; i++) {
					const path = freshPath(ctx);
					planFor(ctx, launched, path, { delayMs: 0 });
					const res = await send(ctx, launched, { path, timeoutMs: 3000 }).response;
					expectShedAnswer(
						ctx,
						res,
						`while ${limit} requests were in flight (MAX_IN_FLIGHT=${limit})`,
					);
				}
			} finally {
				launched.upstream.release();
			}
			await finish(ctx, launched, filled);
		});
	},
};
