// Every event carries an id: a whole number that grows with each update and names the update
// itself, so that the same update has the same id on every stream that carries it.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import { awaitEvents, newOrder, newStatus, readStatus, withPush } from './shared.ts';

/** The id of each event of `stream` by the status it carries, after checking that every event has
 * a whole-number id and that they grow along the stream. */
function idsByStatus(
	ctx: CheckContext,
	stream: SseStream,
	what: string,
	see: string,
): Map<string, number> {
	const ids = new Map<string, number>();
	let previous: { id: number; status: string } | undefined;
	for (const event of stream.events) {
		const read = readStatus(event);
		const status = 'status' in read ? read.status : `(${read.problem})`;
		const label = `the event for ${JSON.stringify(status)} on ${what}`;
		if (event.id === undefined) {
			ctx.fail(
				`Expected an id: line in every event, so that a client can say where it stopped, but ${label} had none (lines ${JSON.stringify(event.lines.join('\n'))}). ${see}`,
			);
		}
		if (!/^[0-9]+$/.test(event.id)) {
			ctx.fail(
				`Expected each id to be a whole number, got id: ${JSON.stringify(event.id)} in ${label}. ${see}`,
			);
		}
		const id = Number(event.id);
		if (previous && id <= previous.id) {
			ctx.fail(
				`Expected ids to grow with each update, but ${label} has id ${id}, after id ${previous.id} for ${JSON.stringify(previous.status)}. ${see}`,
			);
		}
		previous = { id, status };
		ids.set(status, id);
	}
	return ids;
}

export const identifiesUpdates: Check = {
	id: 'identifies-updates',
	title:
		'Every event has a whole-number id that grows with each update, and an update has the same id on every stream',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const other = newOrder(ctx);
			const see = `Watch it with: ${push.watch(orderId)}`;
			const first = await push.open(orderId);
			const sent: string[] = [];
			for (let n = 0; n < 4; n++) {
				const status = newStatus(ctx);
				sent.push(status);
				await push.post(orderId, status);
				// Another order's updates in between, which a shared counter also numbers.
				if (ctx.random.int(0, 1) === 1) await push.post(other, newStatus(ctx));
			}
			await awaitEvents(ctx, first, sent.length, `the ${sent.length} updates`, see);
			const early = idsByStatus(ctx, first, 'the first stream', see);
			// A second stream from the start, and a third that resumes after the second update.
			const fresh = await push.open(orderId);
			await awaitEvents(ctx, fresh, sent.length, `the ${sent.length} updates, replayed`, see);
			const resumeAfter = String(early.get(sent[1] ?? ''));
			const resumed = await push.open(orderId, { lastEventId: resumeAfter });
			const seeResumed = `Watch it with: ${push.watch(orderId, resumeAfter)}`;
			await awaitEvents(ctx, resumed, 2, 'the 2 updates after Last-Event-ID', seeResumed);
			const last = newStatus(ctx);
			sent.push(last);
			await push.post(orderId, last);
			await awaitEvents(ctx, first, sent.length, `the update ${JSON.stringify(last)}`, see);
			await awaitEvents(ctx, fresh, sent.length, `the update ${JSON.stringify(last)}`, see);
			await awaitEvents(ctx, resumed, 3, `the update ${JSON.stringify(last)}`, seeResumed);
			const everyId = idsByStatus(ctx, first, 'the first stream', see);
			const streams: [SseStream, string, string][] = [
				[fresh, 'a stream opened later', see],
				[resumed, `a stream opened with Last-Event-ID: ${resumeAfter}`, seeResumed],
			];
			for (const [stream, what, watch] of streams) {
				for (const [status, id] of idsByStatus(ctx, stream, what, watch)) {
					const original = everyId.get(status);
					if (original !== undefined && original !== id) {
						ctx.fail(
							`Expected the update ${JSON.stringify(status)} to have the same id on every stream, since an id names the update and not its place on one connection, but the first stream got id ${original} and ${what} got id ${id}. ${watch}`,
						);
					}
				}
			}
		});
	},
};
