// Everything under /api/ goes to the application server as the client sent it, and its answer comes
// back unchanged; when the application server refuses the connection the client gets 502.
import type { Check, CheckContext, GraderRequest } from '../../../src/harness/index.ts';
import { byteDifference, randomBytes } from '../../shared/http/bytes.ts';
import { appReceived, expectNotForwarded, type Tier, withTier } from '../support/tier.ts';

/** Statuses that carry a body and that no HTTP client follows or retries on its own. */
const STATUSES = [200, 201, 202, 400, 403, 404, 409, 422, 500, 503];
/** Redirects, which fetch and other clients follow unless told not to; the web server relays them. */
const REDIRECTS = [301, 302, 303, 307, 308];

/** A path under /api/ holding a unique token, with a query string that must arrive unchanged. */
function apiPath(ctx: CheckContext, token: string): string {
	const { word, int } = ctx.random;
	return `/api/${word(5)}/${token}?${word(3)}=${word(4)}+${word(2)}&${word(2)}=%2C${int(0, 999)}&${word(3)}=`;
}

/** The one request the application server received for `token`, or a failure saying otherwise. */
function receivedOnce(
	ctx: CheckContext,
	tier: Tier,
	token: string,
	sent: GraderRequest,
	line: Parameters<CheckContext['fail']>[1],
) {
	const received = appReceived(tier, token);
	const [request] = received;
	if (!request || received.length > 1) {
		ctx.fail(
			`Expected the application server to receive ${sent.method ?? 'GET'} ${sent.path} once, but it received it ${received.length} times`,
			line,
		);
	}
	return request;
}

export const routesByPrefix: Check = {
	id: 'routes-by-prefix',
	title: 'Paths under /api/ go to the application server; every other path is static',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const token = ctx.random.id('t');
			for (const path of [
				`/api/${ctx.random.word(4)}/${token}`,
				`/api/?${ctx.random.word(3)}=${token}`,
			]) {
				const res = await tier.send({ path });
				receivedOnce(ctx, tier, token, { path }, res.request);
				if (res.status !== 200 || res.headers['x-served-by'] !== 'application server') {
					ctx.fail(
						`Expected the application server's 200 answer for GET ${path}, got ${res.status}`,
						res.request,
					);
				}
				tier.app.requests.length = 0;
			}
			const lookalike = tier.site.apiLookalike;
			const res = await tier.send({ path: lookalike.url });
			expectNotForwarded(ctx, tier, res, lookalike.url);
			if (res.status !== 200 || byteDifference(res.body, lookalike.bytes)) {
				ctx.fail(
					`Expected GET ${lookalike.url} to answer 200 with the file from PUBLIC_DIR (its path does not start with /api/), got ${res.status}`,
					res.request,
				);
			}
		});
	},
};

export const forwardsApi: Check = {
	id: 'forwards-api',
	title: 'The application server receives the method, path, query string, headers and body',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			const { word, id, pick } = ctx.random;
			for (const method of ctx.random.shuffle([
				'GET',
				'POST',
				'PUT',
				'PATCH',
				'DELETE',
				'OPTIONS',
			])) {
				const token = id('m');
				const path = apiPath(ctx, token);
				const headers: Record<string, string> = {
					Accept: pick(['application/json', 'text/html, */*;q=0.8']),
					Authorization: `Bearer ${id('tok')}`,
					[`X-${word(5)}-${word(3)}`]: `${word(4)} ${id('v')}`,
				};
				const body =
					method === 'POST'
						? randomBytes(ctx, 256 * 1024)
						: ['PUT', 'PATCH'].includes(method)
							? `{"city":"Zürich ✓ ${word(4)}"}`
							: undefined;
				if (body !== undefined)
					headers['Content-Type'] =
						method === 'POST' ? 'application/octet-stream' : 'application/json';
				const sent: GraderRequest = {
					method,
					path,
					headers,
					...(body !== undefined && { body }),
					timeoutMs: 4000,
				};
				const res = await tier.send(sent);
				const request = receivedOnce(ctx, tier, token, sent, res.request);
				if (request.method !== method || request.path !== path) {
					ctx.fail(
						`Expected the application server to receive ${method} ${path}, got ${request.method} ${request.path}`,
						res.request,
					);
				}
				for (const [name, value] of Object.entries(headers)) {
					const got = request.headers[name.toLowerCase()];
					if (got !== value) {
						ctx.fail(
							`Expected the application server to receive ${name}: ${value} with ${method} ${path}, got ${got === undefined ? 'no such header' : JSON.stringify(got)}`,
							res.request,
						);
					}
				}
				const bytes =
					typeof body === 'string' ? new TextEncoder().encode(body) : (body ?? new Uint8Array());
				const difference = byteDifference(request.body, bytes);
				if (difference)
					ctx.fail(
						`Expected the application server to receive the body of ${method} ${path} unchanged, got ${difference}`,
						res.request,
					);
			}
		});
	},
};

export const relaysApiResponse: Check = {
	id: 'relays-api-response',
	title: "The client receives the application server's status, headers and body unchanged",
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			// One round, at random, is a redirect to another API path, which the application server
			// would answer 200: a web server that follows it hands the client that answer instead.
			const redirecting = ctx.random.int(0, 3);
			for (let round = 0; round < 4; round++) {
				const redirect = round === redirecting;
				const status = ctx.random.pick(redirect ? REDIRECTS : STATUSES);
				const header = redirect ? 'location' : `x-${ctx.random.word(5)}`;
				const value = redirect ? apiPath(ctx, ctx.random.id('moved')) : ctx.random.id('v');
				const type = ctx.random.pick(['application/octet-stream', 'image/png', 'application/json']);
				const body = randomBytes(ctx, ctx.random.int(1, 64 * 1024));
				const path = apiPath(ctx, ctx.random.id('r'));
				tier.answer = (request) =>
					request.path === path
						? { status, headers: { 'content-type': type, [header]: value }, body }
						: { status: 200, headers: { 'content-type': 'text/plain' }, body: 'elsewhere' };
				const res = await tier.send({ path });
				const what = `GET ${path}`;
				if (res.status !== status)
					ctx.fail(
						`Expected the application server's status ${status} for ${what}${redirect ? ' (a redirect is relayed to the client, not followed)' : ''}, got ${res.status}`,
						res.request,
					);
				for (const [name, wanted] of [
					['content-type', type],
					[header, value],
				]) {
					const got = res.headers[name as string];
					if (got !== wanted)
						ctx.fail(
							`Expected header ${name}: ${wanted} for ${what}, got ${got === undefined ? 'no such header' : String(got)}`,
							res.request,
						);
				}
				const difference = byteDifference(res.body, body);
				if (difference)
					ctx.fail(
						`Expected the application server's body unchanged for ${what}, got ${difference}`,
						res.request,
					);
			}
		});
	},
};

export const appRefused502: Check = {
	id: 'app-refused-502',
	title: 'When the application server refuses connections, /api/ answers 502 and files still work',
	timeoutMs: 10_000,
	async run(ctx) {
		await withTier(ctx, async (tier) => {
			await tier.app.behave({ kind: 'refuse' });
			const requests: GraderRequest[] = [
				{ path: apiPath(ctx, ctx.random.id('d')) },
				{
					method: 'POST',
					path: apiPath(ctx, ctx.random.id('d')),
					headers: { 'Content-Type': 'application/json' },
					body: '{"n":1}',
				},
			];
			for (const request of requests) {
				const res = await tier.send(request);
				if (res.status !== 502) {
					ctx.fail(
						`Expected status 502 for ${request.method ?? 'GET'} ${request.path} while the application server refuses connections, got ${res.status}`,
						res.request,
					);
				}
			}
			const page = await tier.send({ path: '/' });
			if (page.status !== 200)
				ctx.fail(
					`Expected GET / to answer 200 from PUBLIC_DIR while the application server is down, got ${page.status}`,
					page.request,
				);
			await tier.app.behave({ kind: 'respond' });
			const path = apiPath(ctx, ctx.random.id('u'));
			const back = await tier.send({ path });
			if (back.status !== 200)
				ctx.fail(
					`Expected status 200 for GET ${path} once the application server is back, got ${back.status}`,
					back.request,
				);
		});
	},
};
