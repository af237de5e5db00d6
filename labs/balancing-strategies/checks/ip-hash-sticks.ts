import type { Check } from '../../../src/harness/index.ts';
import { clientAddresses, expectSameBackend, visit } from '../support/clients.ts';
import { startWith } from '../support/strategy.ts';

/** Many clients, each asking three times in a shuffled order: each one's three requests must all
 * reach one backend. Any hash function does; a rotation or a random pick does not. */
export const ipHashSticks: Check = {
	id: 'ip-hash-same-client-same-backend',
	title: 'IP hash: every request from one client address reaches the same backend',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const clients = clientAddresses(ctx, ctx.random.int(40, 48));
		const order = ctx.random.shuffle([...clients, ...clients, ...clients]);
		const visits = await visit(ctx, pool, order);
		for (const client of clients) {
			expectSameBackend(
				ctx,
				client,
				visits.filter((one) => one.forwardedFor === client),
			);
		}
	},
};
