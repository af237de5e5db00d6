import type { Check } from '../../../src/harness/index.ts';
import { DEFAULT_COOKIE, Session, startSticky } from '../support/session.ts';

/** Without COOKIE_NAME the cookie is called lb_affinity, and it works as well under that name. */
export const defaultCookieName: Check = {
	id: 'uses-default-cookie-name',
	title: `Without COOKIE_NAME, the affinity cookie is called ${DEFAULT_COOKIE}`,
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, undefined);
		const client = new Session(ctx, pool, name);
		const first = await client.visit();
		if (first.setting === undefined) {
			const got = first.response.headers['set-cookie'];
			ctx.fail(
				`Expected Set-Cookie: ${DEFAULT_COOKIE}=<value> when COOKIE_NAME is not set, but the answer had ${got === undefined ? 'no Set-Cookie header' : `Set-Cookie ${JSON.stringify(got)}`}`,
				first.response.request,
			);
		}
		for (let index = 0; index < 3; index++) {
			await client.expectBackend(first.backend, 'where that cookie was issued');
		}
	},
};
