// A slot comes back when its answer has gone out, whatever the upstream said: a 404 or a 500 ends a
// request just as a 200 does, and a server that forgets that on one path sheds for ever.
import type { Check } from '../../../src/harness/index.ts';
import {
	expectUpstreamAnswer,
	freshPath,
	fullRound,
	planFor,
	send,
	SETTLE_MS,
} from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

const STATUSES = [200, 201, 404, 500, 503];

export const freesSlotOnAnswer: Check = {
	id: 'frees-slot-on-answer',
	title: 'A slot is given back once its answer is sent, whatever status the upstream answered',
	timeoutMs: 20_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			for (let round = 0; round < 2; round++) {
				// Every round holds at least one error, and the statuses come in a random order.
				const statuses = ctx.random.shuffle([
					ctx.random.pick([404, 500, 503]),
					...Array.from({ length: launched.limit - 1 }, () => ctx.random.pick(STATUSES)),
				]);
				const sent = statuses.map((status) => {
					const path = freshPath(ctx);
					return {
						plan: planFor(ctx, launched, path, { status, delayMs: 0 }),
						sent: send(ctx, launched, { path }),
					};
				});
				for (const one of sent) expectUpstreamAnswer(ctx, await one.sent.response, one.plan);
				await ctx.sleep(ctx.time.stretch(SETTLE_MS));
				const list = statuses.join(', ');
				await fullRound(
					ctx,
					launched,
					`after ${statuses.length} requests the upstream answered with ${list}`,
				);
			}
		});
	},
};
