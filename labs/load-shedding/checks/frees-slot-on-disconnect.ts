// A client that goes away gives its slot back. A server that waits for an answer nobody will read,
// or counts only answers it finished sending, fills up with ghosts and sheds every request after.
import type { Check } from '../../../src/harness/index.ts';
import { abandon, stillOpen } from '../support/abandon.ts';
import { fullRound, SETTLE_MS, waitUntil } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

/** How long the server gets to notice that its clients left. */
const NOTICE_MS = 1000;

export const freesSlotOnDisconnect: Check = {
	id: 'frees-slot-on-disconnect',
	title: 'A client that closes its connection before its answer gives its slot back',
	timeoutMs: 20_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const abandoned = await abandon(ctx, launched);
			// The upstream seeing its connections close is the sign the server noticed; a server that
			// frees the slot without closing the upstream request gets the whole wait.
			await waitUntil(
				ctx,
				() => stillOpen(launched, abandoned).length === 0,
				ctx.time.stretch(NOTICE_MS),
			);
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			await fullRound(
				ctx,
				launched,
				`after ${launched.limit} clients closed their connections while the upstream held their requests`,
			);
		});
	},
};
