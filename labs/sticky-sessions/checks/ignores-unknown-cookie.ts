import { type Check, CheckFailure } from '../../../src/harness/index.ts';
import { expectAffinityCookie } from '../support/affinity-cookie.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** Affinity values the balancer never issued: made-up words, numbers past the end of the list, and
 * the address of a server that is not a backend at all (a balancer that trusts the value would
 * connect wherever a client tells it to). Each is treated as no cookie: the request is placed on
 * a backend, the answer sets a real cookie, and that one then holds. */
export const ignoresUnknownCookie: Check = {
	id: 'ignores-unknown-cookie',
	title: 'An affinity cookie with a value the balancer never issued counts as no cookie',
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const outsider = await ctx.fakeServer({ name: 'outsider' });
		const values = ctx.random.shuffle([
			ctx.random.word(12),
			String(ctx.random.int(7, 99)),
			'-1',
			outsider.url,
			encodeURIComponent(outsider.url),
		]);
		for (const value of values) {
			const client = new Session(ctx, pool, name, [`sid=${ctx.random.id('s')}`]);
			client.affinity = value;
			const reachedOutsider = (request?: CheckFailure['request']) =>
				ctx.fail(
					`Expected a request with ${name}=${value} to go to one of BACKENDS, but it reached ${outsider.url}, a server the client named`,
					request,
				);
			const visit = await client.visit().catch((error: unknown) => {
				if (outsider.requests.length > 0 && error instanceof CheckFailure) {
					reachedOutsider(error.request);
				}
				throw error;
			});
			if (outsider.requests.length > 0) reachedOutsider(visit.response.request);
			if (visit.response.status !== 200) {
				ctx.fail(
					`Expected 200 from backend ${visit.backend.number} for a request with ${name}=${value}, got ${visit.response.status}`,
					visit.response.request,
				);
			}
			expectAffinityCookie(
				ctx,
				visit,
				name,
				`to a request with the unknown value ${name}=${value}`,
			);
			await client.expectBackend(visit.backend, 'where the new cookie was issued');
		}
	},
};
