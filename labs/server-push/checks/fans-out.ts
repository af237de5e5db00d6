// Every open stream of an order gets each of its updates, and the answer to the POST counts them.
import type { Check } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import {
	awaitEvents,
	expectListeners,
	expectStatusEvent,
	newOrder,
	newStatus,
	withPush,
} from './shared.ts';

export const fansOut: Check = {
	id: 'fans-out',
	title:
		'Every open stream of an order gets each of its updates, and "listeners" counts those streams',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)} in two terminals at once`;
			const count = ctx.random.int(3, 4);
			const streams: SseStream[] = [];
			for (let n = 0; n < count; n++) streams.push(await push.open(orderId));
			for (let n = 0; n < 3; n++) {
				const status = newStatus(ctx);
				const posted = await push.post(orderId, status);
				// Once every stream has had an event, each is surely counted; before, one may still
				// be starting.
				if (n > 0) expectListeners(ctx, posted, count, `${count} streams of that order are open`);
				for (const [index, stream] of streams.entries()) {
					const what = `the update ${JSON.stringify(status)} on stream ${index + 1} of ${count}`;
					await awaitEvents(ctx, stream, n + 1, what, see);
					const event = stream.events[n];
					if (event) expectStatusEvent(ctx, event, status, what, see);
				}
			}
		});
	},
};
