import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { type Pool, describeBackend } from '../../shared/balancer/pool.ts';
import { clientAddresses, visit } from '../support/clients.ts';
import { startWith } from '../support/strategy.ts';

/** Fails unless `clients` reach every backend. With 64 addresses, a hash that spreads at all gives
 * every one of at most five backends some of them (a fair one misses a backend about once in a
 * hundred thousand runs). */
async function expectSpread(ctx: CheckContext, pool: Pool, clients: string[], what: string) {
	const visits = await visit(ctx, pool, clients);
	const shares = pool.backends.map(
		(backend) => visits.filter((one) => one.backend === backend).length,
	);
	ctx.figure(
		`clients per backend (${what})`,
		Object.fromEntries(shares.map((share, index) => [`backend ${index + 1}`, share])),
	);
	const idle = pool.backends.find((_, index) => shares[index] === 0);
	if (idle) {
		const spread = shares.map((share, index) => `backend ${index + 1}: ${share}`).join(', ');
		ctx.fail(
			`Expected ${clients.length} ${what} (in X-Forwarded-For) to reach every backend, but ${describeBackend(idle)} got none (${spread})`,
			visits[0]?.response.request,
		);
	}
}

export const ipHashSpreads: Check = {
	id: 'ip-hash-spreads-clients',
	title: 'IP hash: different client addresses are spread over every backend',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		// Addresses of one /24 network, which differ only in their last number: a hash of the
		// first numbers alone (or of parseInt of the address) sends them all to one backend.
		const { int } = ctx.random;
		const network = `${int(1, 223)}.${int(0, 255)}.${int(0, 255)}`;
		const lasts = ctx.random.shuffle(Array.from({ length: 254 }, (_, index) => index + 1));
		const sets = [
			{ clients: clientAddresses(ctx, 64), what: 'different client addresses' },
			{
				clients: lasts.slice(0, 64).map((last) => `${network}.${last}`),
				what: `client addresses of the network ${network}.0/24`,
			},
		];
		for (const { clients, what } of ctx.random.shuffle(sets)) {
			await expectSpread(ctx, pool, clients, what);
		}
	},
};
