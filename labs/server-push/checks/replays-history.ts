// A client that connects for the first time gets the order's updates so far, then new ones.
import type { Check } from '../../../src/harness/index.ts';
import {
	awaitEvents,
	expectStatusEvent,
	newOrder,
	newStatus,
	SETTLE_MS,
	statuses,
	withPush,
} from './shared.ts';

export const replaysHistory: Check = {
	id: 'replays-history',
	title:
		'A stream opened without Last-Event-ID first gets every earlier update of its order, in order, then new ones',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const other = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)}`;
			const earlier = Array.from({ length: ctx.random.int(3, 5) }, () => newStatus(ctx));
			for (const status of earlier) {
				await push.post(orderId, status);
				// Another order's updates in between must not be replayed here.
				await push.post(other, newStatus(ctx));
			}
			const stream = await push.open(orderId);
			const what = `the ${earlier.length} earlier updates of the order, replayed to a new stream`;
			await awaitEvents(ctx, stream, earlier.length, what, see);
			for (const [index, status] of earlier.entries()) {
				const event = stream.events[index];
				if (event)
					expectStatusEvent(
						ctx,
						event,
						status,
						`earlier update ${index + 1} of ${earlier.length}`,
						see,
					);
			}
			const later = newStatus(ctx);
			await push.post(orderId, later);
			await awaitEvents(
				ctx,
				stream,
				earlier.length + 1,
				`the update ${JSON.stringify(later)}, posted after the replay`,
				see,
			);
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			const expected = [...earlier, later];
			const got = statuses(stream);
			if (JSON.stringify(got) !== JSON.stringify(expected)) {
				ctx.fail(
					`Expected exactly the statuses ${JSON.stringify(expected)} on a new stream, in that order, got ${JSON.stringify(got)}. ${see}`,
				);
			}
		});
	},
};
