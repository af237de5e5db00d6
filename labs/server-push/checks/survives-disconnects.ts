// Many clients come and go, some the moment their stream opens, some while an update is being
// written to them, while heartbeats keep going: the server must keep running, hold only the
// streams still open, and keep delivering to them.
import type { Check } from '../../../src/harness/index.ts';
import { describeCounts, settleListeners } from './goodbyes.ts';
import { awaitEvents, newOrder, newStatus, statuses, withPush } from './shared.ts';

/** Clients that leave as soon as their headers arrive, and how many connect at once. */
const QUICK = 30;
const AT_ONCE = 6;
/** Clients that leave while an update is on its way to them. */
const MID_EVENT = 8;
/** How long a program may take to set up a stream (reading its history from a store, say) before
 * the count must show only the streams still open: read sooner, a program that keeps the streams
 * of clients who left during set-up would not have added them yet, and would pass. */
const SET_UP_MS = 1000;

export const survivesDisconnects: Check = {
	id: 'survives-disconnects',
	title:
		'After many clients connect and leave, at once or while an update is written, the server runs on, counts only open streams and delivers',
	timeoutMs: 15_000,
	slow: true,
	async run(ctx) {
		// Heartbeats every few dozen milliseconds, so that some are written to streams as they close.
		const heartbeatMs = ctx.time.stretch(ctx.random.int(40, 80));
		await withPush(ctx, heartbeatMs, async (push) => {
			const orderId = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)}, then stop and restart curl many times while posting updates`;
			const keeper = await push.open(orderId);
			const sent = [newStatus(ctx)];
			await push.post(orderId, sent[0] ?? '');
			await awaitEvents(ctx, keeper, 1, 'the first update', see);
			for (let done = 0; done < QUICK; done += AT_ONCE) {
				await Promise.all(
					Array.from({ length: AT_ONCE }, async (_, n) => {
						const stream = await push.open(orderId);
						await stream.close(n % 2 === 0 ? 'end' : 'reset');
					}),
				);
			}
			for (let n = 0; n < MID_EVENT; n++) {
				const stream = await push.open(orderId);
				const status = newStatus(ctx);
				sent.push(status);
				await Promise.all([
					push.post(orderId, status),
					stream.close(n % 2 === 0 ? 'reset' : 'end'),
				]);
			}
			await ctx.sleep(Math.max(2 * heartbeatMs, ctx.time.stretch(SET_UP_MS)));
			if (push.program.exited()) {
				ctx.fail(
					`Expected your program to keep running after ${QUICK + MID_EVENT} clients had left, but it exited. ${see}`,
				);
			}
			const settled = await settleListeners(ctx, push, orderId, 1);
			sent.push(...settled.statuses);
			if (settled.posted.listeners !== 1) {
				const message = `Expected "listeners": 1 (one stream still open) after ${QUICK + MID_EVENT} other clients of order ${orderId} had left, ${QUICK} of them the moment their stream opened, got ${describeCounts(settled.counts)}: the server still holds streams whose clients have gone. ${see}`;
				const fell = settled.counts.some(
					(value, index) => index > 0 && value !== settled.counts[index - 1],
				);
				if (fell) ctx.failTiming(message, settled.posted.res.request);
				ctx.fail(message, settled.posted.res.request);
			}
			await awaitEvents(
				ctx,
				keeper,
				sent.length,
				'every update, on the stream that stayed open',
				see,
			);
			const kept = statuses(keeper);
			if (JSON.stringify(kept) !== JSON.stringify(sent)) {
				ctx.fail(
					`Expected the stream that stayed open to get every update in order, ${sent.length} of them, got ${kept.length}: ${JSON.stringify(kept.slice(0, 4))}…. ${see}`,
				);
			}
			// A newcomer still gets the whole story, then what follows.
			const newcomer = await push.open(orderId);
			const last = newStatus(ctx);
			await push.post(orderId, last);
			await awaitEvents(
				ctx,
				newcomer,
				sent.length + 1,
				'every update so far, then a new one, on a new stream',
				see,
			);
		});
	},
};
