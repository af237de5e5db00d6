// Each accepted update reaches the order's open stream at once, as one `status` event whose data
// is JSON, whatever characters the status holds.
import type { Check } from '../../../src/harness/index.ts';
import {
	awaitEvents,
	expectStatusEvent,
	newOrder,
	newStatus,
	QUIET_HEARTBEAT_MS,
	withPush,
} from './shared.ts';

export const deliversLive: Check = {
	id: 'delivers-live',
	title:
		'Each update reaches the open stream of its order at once, as event: status with JSON data holding the status',
	async run(ctx) {
		await withPush(ctx, QUIET_HEARTBEAT_MS, async (push) => {
			const orderId = newOrder(ctx);
			const stream = await push.open(orderId);
			const see = `Watch it with: ${push.watch(orderId)}, then post updates with: curl -X POST ${push.program.url}/orders/${orderId}/status -H 'Content-Type: application/json' --data '{"status":"cooking"}'`;
			const tag = ctx.random.id('s');
			// Quotes, a backslash, a line break and letters beyond ASCII: data built by hand breaks.
			const tricky = ctx.random.shuffle([
				`ready "at the pass" ${tag}`,
				`two\nlines ${tag}`,
				`back\\slash ${tag}`,
				`crème brûlée 🍜 ${tag}`,
			]);
			const sent = [newStatus(ctx), ...tricky.slice(0, 2), newStatus(ctx), ...tricky.slice(2)];
			for (const [index, status] of sent.entries()) {
				await push.post(orderId, status);
				const what = `the update ${JSON.stringify(status)}`;
				await awaitEvents(ctx, stream, index + 1, `${what}, posted while the stream was open`, see);
				const event = stream.events[index];
				if (event) expectStatusEvent(ctx, event, status, what, see);
			}
		});
	},
};
