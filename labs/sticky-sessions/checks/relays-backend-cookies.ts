import type { Check, CheckContext, RecordedRequest } from '../../../src/harness/index.ts';
import { type Backend, nameBackend } from '../../shared/balancer/pool.ts';
import { Session, cookieName, setCookies, startSticky } from '../support/session.ts';

/** Two or three cookies of the backend's own, one with an Expires date, whose comma breaks any
 * attempt to carry several cookies in one joined header. */
function backendCookies(ctx: CheckContext, backend: Backend): string[] {
	const day = ctx.random.pick(['Mon', 'Tue', 'Wed', 'Thu', 'Fri']);
	const cookies = [
		`sid=${ctx.random.id('s')}; Path=/; HttpOnly; Secure`,
		`cart_${backend.number}=${ctx.random.word(6)}; Expires=${day}, ${ctx.random.int(10, 28)} Oct 2031 07:28:00 GMT; Path=/shop`,
	];
	if (ctx.random.int(0, 1) === 1)
		cookies.push(`lang=${ctx.random.pick(['en', 'fr', 'de'])}; SameSite=Lax`);
	return cookies;
}

/** Every backend answers with cookies of its own. Each must reach the client as its own
 * Set-Cookie header, byte for byte and in order, whether or not the balancer adds its cookie. */
export const relaysBackendCookies: Check = {
	id: 'relays-backend-set-cookies',
	title: "The backend's own Set-Cookie headers reach the client intact, beside the affinity cookie",
	timeoutMs: 10_000,
	async run(ctx) {
		const { pool, name } = await startSticky(ctx, cookieName(ctx));
		const sent = new Map<string, string[]>();
		pool.answer = (request: RecordedRequest, backend: Backend) => {
			const cookies = backendCookies(ctx, backend);
			sent.set(request.path, cookies);
			return {
				...nameBackend(request, backend),
				headers: { 'Content-Type': 'application/json', 'Set-Cookie': cookies },
			};
		};
		// A new client (the balancer adds its cookie) and the same client again (it may not). Then
		// another new client reaches a backend that sets no cookie: it gets none besides the
		// balancer's, not an empty or invented one.
		const client = new Session(ctx, pool, name);
		const cookieless = (request: RecordedRequest, backend: Backend) => {
			sent.set(request.path, []);
			return nameBackend(request, backend);
		};
		for (const when of ['placing a new client', 'for a pinned client', 'when it sets none']) {
			const newcomer = when === 'when it sets none';
			if (newcomer) pool.answer = cookieless;
			const visit = await (newcomer ? new Session(ctx, pool, name) : client).visit();
			const path = new URL(visit.response.request.url).pathname;
			const expected = sent.get(path) ?? [];
			const got = setCookies(visit.response).filter(
				(header) => header.split('=')[0]?.trim() !== name,
			);
			if (
				got.length !== expected.length ||
				got.some((header, index) => header !== expected[index])
			) {
				ctx.fail(
					`Expected the client to receive backend ${visit.backend.number}'s ${expected.length} Set-Cookie headers unchanged ${when}, ${JSON.stringify(expected)}, but besides ${name} it got ${JSON.stringify(got)}`,
					visit.response.request,
				);
			}
		}
	},
};
