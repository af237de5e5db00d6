// A stream whose client has gone is dropped: it no longer counts as a listener, and the streams
// still open keep getting every update.
import type { Check } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import { describeCounts, settleListeners } from './goodbyes.ts';
import { awaitEvents, expectListeners, newOrder, newStatus, statuses, withPush } from './shared.ts';

export const forgetsClosedClients: Check = {
	id: 'forgets-closed-clients',
	title:
		'A stream whose client has gone is dropped: "listeners" stops counting it, and the open streams still get every update',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)} in two terminals, stop one with Ctrl+C, then post an update`;
			const count = ctx.random.int(4, 5);
			const streams: SseStream[] = [];
			for (let n = 0; n < count; n++) streams.push(await push.open(orderId));
			// Once each stream has an event, the server surely holds all of them.
			const first = newStatus(ctx);
			await push.post(orderId, first);
			for (const stream of streams)
				await awaitEvents(ctx, stream, 1, `the update ${JSON.stringify(first)}`, see);
			const counted = await push.post(orderId, newStatus(ctx));
			expectListeners(ctx, counted, count, `${count} streams of that order are open`);
			// Two clients leave: one closes its connection, one's connection is reset.
			const leaving = ctx.random.shuffle(streams.map((_, index) => index)).slice(0, 2);
			await Promise.all(
				leaving.map((index, n) => (streams[index] as SseStream).close(n === 0 ? 'end' : 'reset')),
			);
			const staying = streams.filter((_, index) => !leaving.includes(index));
			const settled = await settleListeners(ctx, push, orderId, staying.length);
			if (settled.posted.listeners !== staying.length) {
				const message = `Expected "listeners": ${staying.length} once 2 of ${count} streams of order ${orderId} had closed, got ${describeCounts(settled.counts)} over the following ${settled.waitedMs} ms: the server still holds streams whose clients have gone. ${see}`;
				// A count that never moved is no matter of time; one that fell but not far enough may be.
				const never = settled.counts.every((value) => value === count);
				if (never) ctx.fail(message, settled.posted.res.request);
				ctx.failTiming(message, settled.posted.res.request);
			}
			const total = 2 + settled.statuses.length;
			for (const stream of staying) {
				await awaitEvents(ctx, stream, total, 'every update, on a stream that stayed open', see);
				const missing = settled.statuses.filter((status) => !statuses(stream).includes(status));
				if (missing.length > 0) {
					ctx.fail(
						`Expected the streams still open to get every update, but one missed ${JSON.stringify(missing)}. ${see}`,
					);
				}
			}
		});
	},
};
