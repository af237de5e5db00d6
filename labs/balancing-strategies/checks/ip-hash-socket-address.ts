import type { Check } from '../../../src/harness/index.ts';
import { expectSameBackend, visit } from '../support/clients.ts';
import { startWith } from '../support/strategy.ts';

/** Without X-Forwarded-For the client is the connection's own address, 127.0.0.1 for every
 * request the grader sends, so they must all reach one backend. */
export const ipHashSocketAddress: Check = {
	id: 'ip-hash-socket-address',
	title: "IP hash: without X-Forwarded-For, the connection's address picks the backend",
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const visits = await visit(
			ctx,
			pool,
			Array.from({ length: 12 }, () => undefined),
		);
		expectSameBackend(ctx, '127.0.0.1', visits);
	},
};
