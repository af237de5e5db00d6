// A stream carries its own order's updates and no other's.
import type { Check } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import { awaitEvents, newOrder, newStatus, SETTLE_MS, statuses, withPush } from './shared.ts';

export const keepsOrdersApart: Check = {
	id: 'keeps-orders-apart',
	title: "Each stream gets its own order's updates, in order, and none of another order's",
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orders = Array.from({ length: ctx.random.int(3, 4) }, () => ({
				id: newOrder(ctx),
				sent: [] as string[],
			}));
			const streams: SseStream[] = [];
			for (const order of orders) streams.push(await push.open(order.id));
			// Updates to the orders in a random interleaving.
			const turns = ctx.random.shuffle(orders.flatMap((order) => [order, order, order]));
			for (const order of turns) {
				const status = newStatus(ctx);
				order.sent.push(status);
				await push.post(order.id, status);
			}
			for (const [index, order] of orders.entries()) {
				const stream = streams[index];
				if (!stream) continue;
				const see = `Watch it with: ${push.watch(order.id)}`;
				await awaitEvents(
					ctx,
					stream,
					order.sent.length,
					`the ${order.sent.length} updates of order ${order.id}`,
					see,
				);
			}
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			for (const [index, order] of orders.entries()) {
				const stream = streams[index];
				if (!stream) continue;
				const got = statuses(stream);
				if (JSON.stringify(got) === JSON.stringify(order.sent)) continue;
				const stranger = orders.find(
					(other) => other !== order && other.sent.some((status) => got.includes(status)),
				);
				const why = stranger ? ` (it carries updates of order ${stranger.id})` : '';
				ctx.fail(
					`Expected the stream of order ${order.id} to carry exactly its updates ${JSON.stringify(order.sent)}, got ${JSON.stringify(got)}${why}. Watch it with: ${push.watch(order.id)}`,
				);
			}
		});
	},
};
