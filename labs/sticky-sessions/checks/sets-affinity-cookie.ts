import type { Check } from '../../../src/harness/index.ts';
import { expectAffinityCookie } from '../support/affinity-cookie.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** One new client per backend: each is told where it was placed, and since the cookie is all the
 * balancer has to go on later, clients placed on different backends get different values. */
export const setsAffinityCookie: Check = {
	id: 'sets-affinity-cookie',
	title: 'A new client gets a COOKIE_NAME cookie (Path=/, HttpOnly) naming its backend',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const values = new Map<string, number>();
		for (let index = 0; index < pool.backends.length; index++) {
			const visit = await new Session(ctx, pool, name).visit();
			expectAffinityCookie(ctx, visit, name, 'to a request without cookies');
			const value = visit.setting?.split(';')[0] ?? '';
			const other = values.get(value);
			if (other !== undefined && other !== visit.backend.number) {
				ctx.fail(
					`Expected clients placed on different backends to get different ${name} values, but backends ${other} and ${visit.backend.number} both came with ${value}`,
					visit.response.request,
				);
			}
			values.set(value, visit.backend.number);
		}
	},
};
