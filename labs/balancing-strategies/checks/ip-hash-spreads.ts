import type { Check } from '../../../src/harness/index.ts';
import { describeBackend } from '../../round-robin/checks/pool.ts';
import { clientAddresses, visit } from './clients.ts';
import { startWith } from './strategy.ts';

/** With 64 different client addresses, a hash that spreads at all gives every one of at most five
 * backends some of them (a fair one misses a backend about once in a hundred thousand runs). */
export const ipHashSpreads: Check = {
	id: 'ip-hash-spreads-clients',
	title: 'IP hash: different client addresses are spread over every backend',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const clients = clientAddresses(ctx, 64);
		const visits = await visit(ctx, pool, clients);
		const shares = pool.backends.map(
			(backend) => visits.filter((one) => one.backend === backend).length,
		);
		ctx.figure(
			'clients per backend',
			Object.fromEntries(shares.map((share, index) => [`backend ${index + 1}`, share])),
		);
		const idle = pool.backends.find((_, index) => shares[index] === 0);
		if (idle) {
			const spread = shares.map((share, index) => `backend ${index + 1}: ${share}`).join(', ');
			ctx.fail(
				`Expected ${clients.length} different client addresses (in X-Forwarded-For) to reach every backend, but ${describeBackend(idle)} got none (${spread})`,
				visits[0]?.response.request,
			);
		}
	},
};
