import { type Check, CheckFailure } from '../../../src/harness/index.ts';
import { describeBackend } from '../../shared/balancer/pool.ts';
import { expectAffinityCookie } from '../support/affinity-cookie.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** A client's backend goes down: its next request must be served by another backend and come back
 * with a new cookie, and the client must then stay there, even after the old backend is back. */
export const repinsWhenDown: Check = {
	id: 'repins-when-backend-down',
	title:
		'When the pinned backend refuses connections, the client is served elsewhere and re-pinned',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const client = new Session(ctx, pool, name);
		const first = await client.visit();
		const old = first.backend;
		const value = client.affinity;
		await old.server.behave({ kind: 'refuse' });
		const moved = await client.visit().catch((error: unknown) => {
			if (!(error instanceof CheckFailure)) throw error;
			return ctx.fail(
				`While ${describeBackend(old)}, the pinned backend, refuses connections, a request with ${name}=${String(value)} must be served by another one: ${error.message}`,
				error.request,
			);
		});
		if (moved.response.status !== 200 || moved.backend === old) {
			ctx.fail(
				`Expected a request with ${name}=${String(value)} to be served by another backend while ${describeBackend(old)} refuses connections, but the client got ${moved.response.status}`,
				moved.response.request,
			);
		}
		const why = `when ${describeBackend(old)}, the pinned backend, refused connections`;
		expectAffinityCookie(ctx, moved, name, why);
		if (client.affinity === value) {
			ctx.fail(
				`Expected a new ${name} value naming backend ${moved.backend.number} ${why}, but the answer set the old one again (${String(value)})`,
				moved.response.request,
			);
		}
		const reason = `where the client was moved while backend ${old.number} was down`;
		for (let index = 0; index < 2; index++) await client.expectBackend(moved.backend, reason);
		await old.server.behave({ kind: 'respond' });
		for (let index = 0; index < 2; index++) {
			await client.expectBackend(moved.backend, `${reason}, even now that it is back`);
		}
	},
};
