import type { Check } from '../../../src/harness/index.ts';
import { clientAddresses, expectSameBackend, visit } from './clients.ts';
import { startWith } from './strategy.ts';

/** The same client seen through proxies: X-Forwarded-For grows with proxy addresses after the
 * client's, written with and without a space after the comma. Only its first entry names the
 * client, so all of these must reach the backend the bare address reaches. */
export const ipHashFirstAddress: Check = {
	id: 'ip-hash-uses-first-address',
	title: 'IP hash: the client is the first address in X-Forwarded-For',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const clients = clientAddresses(ctx, 16);
		const proxies = () => clientAddresses(ctx, 2);
		const headers = clients.flatMap((client) => {
			const [one, two] = proxies();
			return [client, `${client}, ${one}`, `${client},${one}, ${two}`];
		});
		const visits = await visit(ctx, pool, headers);
		for (const client of clients) {
			expectSameBackend(
				ctx,
				client,
				visits.filter((one) => one.forwardedFor?.split(',')[0] === client),
			);
		}
	},
};
