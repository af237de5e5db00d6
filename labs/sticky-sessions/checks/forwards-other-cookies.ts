import type { Check } from '../../../src/harness/index.ts';
import { clientRequests } from '../../shared/balancer/pool.ts';
import { Session, cookieName, startSticky } from '../support/session.ts';

/** The cookies a backend received, in order, leaving out the balancer's own (which it may pass on
 * or keep to itself). */
function ownCookies(header: string | string[] | undefined, name: string): string[] {
	const text = Array.isArray(header) ? header.join('; ') : (header ?? '');
	return text
		.split(';')
		.map((pair) => pair.trim())
		.filter((pair) => pair !== '' && pair.split('=')[0] !== name);
}

/** The application's own cookies (a session id, preferences) are the backend's business: they
 * must reach it as the client sent them, whether or not the affinity cookie is beside them. */
export const forwardsOtherCookies: Check = {
	id: 'forwards-other-cookies',
	title: "The client's other cookies reach the backend unchanged",
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		// A base64 value ends in `=`, and a cookie whose name starts with the affinity cookie's is
		// still the client's own: splitting pairs on every `=`, or matching the name as a prefix,
		// loses or swallows them.
		const own = ctx.random.shuffle([
			`sid=${ctx.random.id('s')}${ctx.random.id('x')}`,
			`${ctx.random.word(4)}=${ctx.random.word(6)}`,
			`theme=${ctx.random.pick(['dark', 'light'])}`,
			`tok=${ctx.random.word(ctx.random.int(6, 10))}${ctx.random.pick(['=', '=='])}`,
			`${ctx.random.word(3)}=${ctx.random.word(4)}=${ctx.random.word(2)}`,
			`${name}${ctx.random.pick(['_old', '2', 'x'])}=${ctx.random.word(6)}`,
		]);
		const client = new Session(ctx, pool, name, own);
		// A client with no cookies at all: its request reaches the backend without any.
		const bare = await new Session(ctx, pool, name).visit();
		const bareRequest = clientRequests(pool, bare.backend).find((one) =>
			bare.response.request.url.endsWith(one.path),
		);
		const invented = bareRequest?.headers['cookie'];
		if (invented !== undefined && String(invented).trim() !== '') {
			ctx.fail(
				`Expected a request without cookies to reach backend ${bare.backend.number} without a Cookie header, got Cookie: ${String(invented)}`,
				bare.response.request,
			);
		}
		for (let index = 0; index < 3; index++) {
			const visit = await client.visit();
			const path = new URL(visit.response.request.url).pathname;
			const received = clientRequests(pool, visit.backend).find((one) => one.path === path);
			const got = ownCookies(received?.headers['cookie'], name);
			if (got.join('; ') !== own.join('; ')) {
				const sent = visit.response.request.headers?.['Cookie'] ?? '';
				ctx.fail(
					`Expected backend ${visit.backend.number} to receive the cookies ${own.join('; ')} (with or without ${name}), but it got ${received?.headers['cookie'] === undefined ? 'no Cookie header' : `Cookie: ${String(received.headers['cookie'])}`} (the client sent Cookie: ${sent})`,
					visit.response.request,
				);
			}
		}
	},
};
