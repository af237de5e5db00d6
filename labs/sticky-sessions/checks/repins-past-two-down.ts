import { type Check, CheckFailure } from '../../../src/harness/index.ts';
import { describeBackend } from '../../shared/balancer/pool.ts';
import { nextAfter } from '../../shared/balancer/rotation.ts';
import { expectAffinityCookie } from '../support/affinity-cookie.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** The pinned backend and the one after it in BACKENDS both refuse connections: a balancer that
 * tries only the next one in turn gives up while a third backend is up. */
export const repinsPastTwoDown: Check = {
	id: 'repins-when-next-is-down-too',
	title: 'When the pinned backend and the next one both refuse connections, a third one serves',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx), 3);
		const client = new Session(ctx, pool, name);
		const home = (await client.visit()).backend;
		const next = nextAfter(home, pool.backends);
		const value = client.affinity;
		await home.server.behave({ kind: 'refuse' });
		await next.server.behave({ kind: 'refuse' });
		const down = `${describeBackend(home)}, the pinned backend, and ${describeBackend(next)} refuse connections`;
		const moved = await client.visit().catch((error: unknown) => {
			if (!(error instanceof CheckFailure)) throw error;
			return ctx.fail(
				`Expected a request with ${name}=${String(value)} to be served by another backend while ${down}, got: ${error.message}`,
				error.request,
			);
		});
		if (moved.response.status !== 200) {
			ctx.fail(
				`Expected 200 from another backend for a request with ${name}=${String(value)} while ${down}, got ${moved.response.status}`,
				moved.response.request,
			);
		}
		expectAffinityCookie(ctx, moved, name, `while ${down}`);
		for (let index = 0; index < 2; index++) {
			await client.expectBackend(moved.backend, `where the client was moved while ${down}`);
		}
	},
};
