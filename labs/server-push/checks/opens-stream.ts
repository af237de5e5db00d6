// The events path answers at once with the headers of an event stream, and keeps the answer open.
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import type { SseStream } from '../support/sse-reader.ts';
import { eventsPath, header, newOrder, newStatus, withPush, type Push } from './shared.ts';

/** How long the stream must stay open after its headers, before stretching. */
const STAYS_OPEN_MS = 400;

async function expectOpenStream(
	ctx: CheckContext,
	push: Push,
	orderId: string,
	stream: SseStream,
	what: string,
): Promise<void> {
	const path = eventsPath(orderId);
	const see = `Watch it with: ${push.watch(orderId)}`;
	const cacheControl = header(stream, 'cache-control');
	const directives = (cacheControl ?? '')
		.split(',')
		.map((part) => part.trim().toLowerCase().split('=')[0]);
	if (!directives.includes('no-cache') && !directives.includes('no-store')) {
		const got =
			cacheControl === undefined ? 'no Cache-Control header' : `Cache-Control: ${cacheControl}`;
		ctx.fail(
			`Expected Cache-Control: no-cache on GET ${path} (${what}), so that no cache on the way keeps or replays the stream, got ${got}. ${see}`,
		);
	}
	const waitMs = ctx.time.stretch(STAYS_OPEN_MS);
	await stream.until(() => !stream.open, waitMs);
	if (!stream.open) {
		const after = (stream.endedAt ?? Date.now()) - stream.openedAt;
		ctx.fail(
			`Expected GET ${path} (${what}) to stay open for updates to come, but your program ended it ${after} ms after its headers, having sent ${stream.quote()}. ${see}`,
		);
	}
}

export const opensStream: Check = {
	id: 'opens-stream',
	title:
		'GET /orders/{id}/events answers at once with 200, Content-Type text/event-stream and Cache-Control no-cache, and stays open',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			// An order with no updates yet: nothing to write, so the headers must go out by themselves.
			const quiet = newOrder(ctx);
			const first = await push.open(quiet);
			// An order with updates: the stream stays open after what it replays.
			const busy = newOrder(ctx);
			await push.post(busy, newStatus(ctx));
			await push.post(busy, newStatus(ctx));
			const second = await push.open(busy);
			// Both streams are watched over the same stretch of time; the first has been open longer.
			await Promise.all([
				expectOpenStream(ctx, push, quiet, first, 'an order with no updates yet'),
				expectOpenStream(ctx, push, busy, second, 'an order with two updates'),
			]);
		});
	},
};
