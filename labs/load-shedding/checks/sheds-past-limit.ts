// Past the limit, a request is refused with 503 and never reaches the upstream, while the ones in
// flight carry on; twice, since a shed request must not keep a slot either.
import type { Check } from '../../../src/harness/index.ts';
import { fullRound } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

export const shedsPastLimit: Check = {
	id: 'sheds-past-limit',
	title: 'A request past MAX_IN_FLIGHT gets 503 and never reaches the upstream',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			await fullRound(ctx, launched);
			await fullRound(
				ctx,
				launched,
				'in a second round, after a first one in which requests were shed',
			);
		});
	},
};
