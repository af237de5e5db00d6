// A sub-request whose API call fails at the network level gets its own 502 entry; the batch as a
// whole still answers 200, and the other sub-requests are unaffected.
import type { Check } from '../../../src/harness/index.ts';
import { withApi } from '../support/api.ts';
import { type Expected, expectEntries, knownItem, sendBatch } from '../support/batch.ts';

export const apiFailure502: Check = {
	id: 'api-failure-502',
	title: 'A sub-request whose connection fails gets its own 502 entry while the others succeed',
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const expected: Expected[] = Array.from({ length: ctx.random.int(4, 7) }, () =>
				knownItem(ctx, api),
			);
			// The API cuts the connection of two sub-requests instead of answering them.
			for (const victim of ctx.random.shuffle(expected).slice(0, 2)) {
				api.resets.add(victim.sub.path);
				delete victim.body;
				victim.status = 502;
			}
			expectEntries(
				ctx,
				await sendBatch(
					ctx,
					program,
					expected.map((one) => one.sub),
				),
				expected,
			);
			// With the API gone altogether, every entry is a 502, and the batch itself still answers.
			await api.close();
			const down = [knownItem(ctx, api), knownItem(ctx, api)].map((one) => ({
				sub: one.sub,
				status: 502,
			}));
			expectEntries(
				ctx,
				await sendBatch(
					ctx,
					program,
					down.map((one) => one.sub),
				),
				down,
			);
		});
	},
};
