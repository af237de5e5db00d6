import type { Check } from '../../../src/harness/index.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** Several clients, each placed once, then visiting again in a shuffled order with cookies of
 * their own beside the affinity cookie: every visit must reach the client's first backend. */
export const staysPinned: Check = {
	id: 'follows-affinity-cookie',
	title: 'Requests with the affinity cookie go to the backend it names',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const clients = Array.from({ length: pool.backends.length * 2 }, () => {
			const own = Array.from(
				{ length: ctx.random.int(1, 2) },
				() => `${ctx.random.word(5)}=${ctx.random.id('v')}`,
			);
			return new Session(ctx, pool, name, own);
		});
		const homes = [];
		for (const client of clients) {
			const visit = await client.visit();
			if (client.affinity === undefined) {
				ctx.fail(
					`Expected the answer to a new client to set the ${name} cookie, but it did not`,
					visit.response.request,
				);
			}
			homes.push(visit.backend);
		}
		const turns = ctx.random.shuffle(clients.flatMap((client) => [client, client, client]));
		for (const client of turns) {
			const home = homes[clients.indexOf(client)];
			if (!home) throw new Error('grader error: a client without a home');
			await client.expectBackend(home, `where that cookie was issued`);
		}
	},
};
