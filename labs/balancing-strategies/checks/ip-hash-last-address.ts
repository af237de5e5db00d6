import type { Check } from '../../../src/harness/index.ts';
import { clientAddresses, expectSameBackend, visit } from '../support/clients.ts';
import { startWith } from '../support/strategy.ts';

/** The grader plays the proxy in front of the balancer, which appends the address it saw. Before
 * that entry a client may send anything: made-up addresses, or another client's address, written
 * with and without a space after the comma. Only the last entry names the client, so every request
 * must reach the backend that the bare address reaches. */
export const ipHashLastAddress: Check = {
	id: 'ip-hash-uses-last-address',
	title:
		'IP hash: the client is the last address in X-Forwarded-For, the one the front proxy added',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const clients = clientAddresses(ctx, 16);
		const forged = () => clientAddresses(ctx, 2);
		const headers = clients.flatMap((client, index) => {
			const [one, two] = forged();
			// Posing as the next client is the forgery that matters most: it must not work.
			const other = clients[(index + 1) % clients.length];
			return [client, `${other}, ${client}`, `${one},${two}, ${client}`];
		});
		const visits = await visit(ctx, pool, headers);
		for (const client of clients) {
			expectSameBackend(
				ctx,
				client,
				visits.filter((one) => one.forwardedFor?.split(',').at(-1)?.trim() === client),
			);
		}
	},
};
