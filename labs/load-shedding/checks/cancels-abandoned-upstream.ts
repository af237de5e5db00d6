// Work nobody waits for is waste: when a client goes away, the server closes its request to the
// upstream, so the upstream can stop too.
import type { Check } from '../../../src/harness/index.ts';
import { abandon, stillOpen } from '../support/abandon.ts';
import { waitUntil } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

/** How long the server gets to close the upstream requests of clients that left. */
const NOTICE_MS = 1000;

export const cancelsAbandonedUpstream: Check = {
	id: 'cancels-abandoned-upstream',
	title: 'When a client goes away, the server closes its request to the upstream',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const abandoned = await abandon(ctx, launched);
			const limitMs = ctx.time.stretch(NOTICE_MS);
			await waitUntil(ctx, () => stillOpen(launched, abandoned).length === 0, limitMs);
			const open = stillOpen(launched, abandoned);
			if (open.length > 0) {
				ctx.failTiming(
					`Expected your server to close its requests to the upstream within ${limitMs} ms of their clients going away, but ${open.length} of ${abandoned.paths.length} were still open, GET ${open[0]} among them`,
					abandoned.example,
				);
			}
		});
	},
};
