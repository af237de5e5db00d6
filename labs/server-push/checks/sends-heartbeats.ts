// A quiet stream gets a comment line about every HEARTBEAT_MS, so that proxies and balancers do not
// close it as idle; a comment, not an event, since EventSource must not wake a listener for it.
import type { Check } from '../../../src/harness/index.ts';
import { newOrder, withPush } from './shared.ts';

/** How many intervals the check listens for: enough for the widest gap allowed (two intervals)
 * to show twice over, and for a program writing twice as often to pass the count allowed. */
const INTERVALS = 5;

export const sendsHeartbeats: Check = {
	id: 'sends-heartbeats',
	title:
		'A stream with no updates gets a comment line about every HEARTBEAT_MS, and no event in its place',
	timeoutMs: 8000,
	slow: true,
	async run(ctx) {
		// Small, so the check is short; stretched with the machine, so a slow one keeps the ratio.
		const heartbeatMs = ctx.time.stretch(ctx.random.int(150, 250));
		await withPush(ctx, heartbeatMs, async (push) => {
			const orderId = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)} (started with HEARTBEAT_MS set to ${heartbeatMs} ms)`;
			const stream = await push.open(orderId);
			await ctx.sleep(heartbeatMs * INTERVALS);
			const listened = Date.now() - stream.openedAt;
			if (!stream.open) {
				ctx.fail(
					`Expected the stream to stay open, but your program ended it after ${(stream.endedAt ?? 0) - stream.openedAt} ms. ${see}`,
				);
			}
			const [event] = stream.events;
			if (event) {
				ctx.fail(
					`Expected heartbeats to be comment lines (starting with ":"), which EventSource ignores, but a stream with no updates got an event: ${JSON.stringify(event.lines.join('\n'))}. ${see}`,
				);
			}
			const times = [stream.openedAt, ...stream.comments.map((comment) => comment.at), Date.now()];
			let gap = { ms: 0, from: 0 };
			for (let i = 1; i < times.length; i++) {
				const ms = (times[i] ?? 0) - (times[i - 1] ?? 0);
				if (ms > gap.ms) gap = { ms, from: (times[i - 1] ?? 0) - stream.openedAt };
			}
			if (stream.comments.length === 0) {
				ctx.failTiming(
					`Expected a comment line (such as ": heartbeat") about every HEARTBEAT_MS (${heartbeatMs} ms) on a stream with no updates, got none in ${listened} ms. ${see}`,
				);
			}
			// Twice the interval: a timer may fire late, and the first may come a full interval in.
			if (gap.ms > 2 * heartbeatMs) {
				ctx.failTiming(
					`Expected a comment line about every HEARTBEAT_MS (${heartbeatMs} ms), but the stream stayed silent for ${gap.ms} ms, from ${gap.from} ms after it opened; got ${stream.comments.length} comments in ${listened} ms. ${see}`,
				);
			}
			// A busy machine makes timers late, never early: too many comments is the program's doing.
			const most = Math.floor((2 * listened) / heartbeatMs) + 3;
			if (stream.comments.length > most) {
				ctx.fail(
					`Expected about one comment line every HEARTBEAT_MS (${heartbeatMs} ms), got ${stream.comments.length} in ${listened} ms. ${see}`,
				);
			}
		});
	},
};
