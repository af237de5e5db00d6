// With HEARTBEAT_MS unset, heartbeats come every 15 seconds. `Number(undefined)` is NaN, and a
// timer given NaN fires every millisecond, flooding every stream.
import type { Check } from '../../../src/harness/index.ts';
import { newOrder, withPush } from './shared.ts';

/** How long the check listens, before stretching; far below the default interval. A timer given
 * NaN writes hundreds of comments in that time, so listening longer would prove nothing more. */
const LISTEN_MS = 1000;
/** At most this many comments in that time: a greeting and one more are fine. */
const MOST_COMMENTS = 2;

export const defaultHeartbeat: Check = {
	id: 'default-heartbeat',
	title: 'With HEARTBEAT_MS unset, a quiet stream gets heartbeats every 15 seconds, not a flood',
	timeoutMs: 8000,
	slow: true,
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)} (started without HEARTBEAT_MS)`;
			const stream = await push.open(orderId);
			await ctx.sleep(ctx.time.stretch(LISTEN_MS));
			const listened = Date.now() - stream.openedAt;
			if (!stream.open) {
				ctx.fail(
					`Expected the stream to stay open, but your program ended it after ${(stream.endedAt ?? 0) - stream.openedAt} ms. ${see}`,
				);
			}
			if (stream.comments.length > MOST_COMMENTS || stream.events.length > 0) {
				ctx.fail(
					`Expected no more than ${MOST_COMMENTS} comment lines and no events in the first ${listened} ms with HEARTBEAT_MS unset (the default is 15000), got ${stream.comments.length} comments and ${stream.events.length} events (a timer given NaN or 0 fires every millisecond). ${see}`,
				);
			}
		});
	},
};
