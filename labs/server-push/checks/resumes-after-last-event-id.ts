// A client that lost its stream reconnects with the last id it saw in Last-Event-ID, as
// EventSource does, and gets exactly what it missed before new updates: nothing lost, nothing twice.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import {
	awaitEvents,
	newOrder,
	newStatus,
	SETTLE_MS,
	statuses,
	withPush,
	type Push,
} from './shared.ts';

/** Picks the event to resume after: one whose id has fewer digits than a later one when there is
 * such an id (ids compared as text put "10" before "9"), else any but the last. */
function resumePoint(ctx: CheckContext, stream: SseStream): number {
	const ids = stream.events.map((event) => event.id ?? '');
	const longest = Math.max(...ids.map((id) => id.length));
	const shorter = ids
		.map((id, index) => [id, index] as const)
		.filter(([id]) => id.length < longest);
	const last = shorter.at(-1);
	return last ? last[1] : ctx.random.int(0, ids.length - 2);
}

/** Opens a stream with Last-Event-ID and fails unless it gets exactly `missed`, then a new update. */
async function expectResume(
	ctx: CheckContext,
	push: Push,
	orderId: string,
	lastEventId: string,
	missed: string[],
): Promise<void> {
	const stream = await push.open(orderId, { lastEventId });
	const see = `Watch it with: ${push.watch(orderId, lastEventId)}`;
	const what =
		missed.length === 0
			? 'nothing replayed'
			: `the ${missed.length} update${missed.length === 1 ? '' : 's'} after id ${lastEventId}`;
	if (missed.length > 0) await awaitEvents(ctx, stream, missed.length, what, see);
	await ctx.sleep(ctx.time.stretch(SETTLE_MS));
	const later = newStatus(ctx);
	await push.post(orderId, later);
	await awaitEvents(
		ctx,
		stream,
		missed.length + 1,
		`the update ${JSON.stringify(later)}, posted after the reconnect`,
		see,
	);
	await ctx.sleep(ctx.time.stretch(SETTLE_MS));
	const expected = [...missed, later];
	const got = statuses(stream);
	if (JSON.stringify(got) !== JSON.stringify(expected)) {
		ctx.fail(
			`Expected a stream opened with Last-Event-ID: ${lastEventId} to get ${what}, then the new one: ${JSON.stringify(expected)}, got ${JSON.stringify(got)}. ${see}`,
		);
	}
}

export const resumesAfterLastEventId: Check = {
	id: 'resumes-after-last-event-id',
	title:
		'A stream opened with Last-Event-ID: n first gets exactly the updates after n, then new ones, none twice',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const other = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)}`;
			const first = await push.open(orderId);
			// Two orders take turns, so that a shared counter reaches two-digit ids.
			const sent: string[] = [];
			for (let n = 0; n < 6; n++) {
				const status = newStatus(ctx);
				sent.push(status);
				await push.post(orderId, status);
				await push.post(other, newStatus(ctx));
			}
			await awaitEvents(ctx, first, sent.length, `the ${sent.length} updates`, see);
			if (first.events.some((event) => event.id === undefined)) {
				ctx.fail(`Expected an id: line in every event, got ${first.quote()}. ${see}`);
			}
			const index = resumePoint(ctx, first);
			const resumeAfter = first.events[index]?.id ?? '';
			await expectResume(ctx, push, orderId, resumeAfter, sent.slice(index + 1));
			// Resuming after the newest id replays nothing at all; the first stream has it too.
			await awaitEvents(ctx, first, sent.length + 1, 'the update posted after the reconnect', see);
			const newest = first.events.at(-1)?.id ?? '';
			await expectResume(ctx, push, orderId, newest, []);
		});
	},
};
