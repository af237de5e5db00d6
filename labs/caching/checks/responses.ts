// The origin's answers come back to the client unchanged, and an unreachable origin means 502.
import type { Check } from '../../../src/harness/index.ts';
import { randomBytes } from '../../shared/http/bytes.ts';
import { expectVersion, pathOf } from '../support/expect.ts';
import { freshPath, randomHeader, send, startOrigin, startProxy } from '../support/origin.ts';

/** Statuses that carry a body and that no HTTP client follows or retries on its own. */
const STATUSES = [200, 201, 202, 400, 403, 404, 409, 410, 422, 500, 503];
/** Redirects, which fetch follows unless told not to: a proxy hands them to the client as they are. */
const REDIRECTS = [301, 302, 303, 307, 308];

export const returnsResponse: Check = {
	id: 'returns-response',
	title: "The client receives the origin's status, headers and body unchanged",
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const headers = new Map<string, [string, string]>();
		// One of the two GETs, at random, is answered with a redirect to a path the origin would
		// answer too: a proxy that follows it gives the client that other answer instead.
		const redirectAt = ctx.random.int(0, 1);
		let redirectPath = '';
		origin.answer = (request) => {
			const header = randomHeader(ctx);
			headers.set(`${request.method} ${request.path}`, header);
			const big = request.method === 'GET' && ctx.random.int(0, 1) === 1;
			const redirect = request.path === redirectPath;
			return {
				status: redirect ? ctx.random.pick(REDIRECTS) : ctx.random.pick(STATUSES),
				headers: Object.fromEntries<string>([
					header,
					...(redirect ? [['Location', freshPath(ctx)] as const] : []),
				]),
				...(big && { body: randomBytes(ctx, ctx.random.int(100_000, 300_000)) }),
			};
		};
		const proxy = await startProxy(ctx, origin);
		const methods = ['GET', 'GET', ctx.random.pick(['POST', 'PUT', 'PATCH']), 'DELETE'];
		for (const [index, method] of methods.entries()) {
			const sent = ['GET', 'DELETE'].includes(method)
				? { method, path: freshPath(ctx) }
				: {
						method,
						path: freshPath(ctx),
						headers: { 'Content-Type': 'text/plain' },
						body: ctx.random.word(12),
					};
			if (index === redirectAt) redirectPath = sent.path;
			const res = await send(ctx, proxy, sent);
			const why =
				index === redirectAt ? 'a redirect, relayed and not followed' : 'the answer of the origin';
			expectVersion(ctx, origin, res, 1, why);
			const [name, value] = headers.get(`${method} ${pathOf(res)}`) ?? ['', ''];
			const got = res.headers[name.toLowerCase()];
			if (got !== value) {
				const shown = got === undefined ? 'no such header' : JSON.stringify(got);
				ctx.fail(
					`Expected the origin's header ${name}: ${value} in the answer to ${method} ${sent.path}, got ${shown}`,
					res.request,
				);
			}
		}
	},
};

export const originRefused502: Check = {
	id: 'origin-refused-502',
	title: 'When the origin refuses the connection the client gets 502, and the proxy keeps running',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const proxy = await startProxy(ctx, origin);
		await origin.server.behave({ kind: 'refuse' });
		for (const sent of [
			{ method: 'GET', path: freshPath(ctx) },
			{
				method: 'POST',
				path: freshPath(ctx),
				headers: { 'Content-Type': 'text/plain' },
				body: ctx.random.word(8),
			},
		]) {
			const res = await send(ctx, proxy, sent);
			if (res.status !== 502) {
				ctx.fail(
					`Expected status 502 for ${sent.method} ${sent.path} while the origin refuses connections, got ${res.status}`,
					res.request,
				);
			}
		}
		await origin.server.behave({ kind: 'respond' });
		const res = await send(ctx, proxy, { method: 'GET', path: freshPath(ctx) });
		expectVersion(ctx, origin, res, 1, 'the origin is back');
	},
};
