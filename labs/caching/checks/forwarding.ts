// Whatever the cache does not answer itself reaches the origin as the client sent it, as in the
// round-robin lab with a single backend, plus the client's address in X-Forwarded-For.
import type {
	Check,
	CheckContext,
	GraderRequest,
	RecordedRequest,
} from '../../../src/harness/index.ts';
import { byteDifference, randomBytes } from '../../shared/http/bytes.ts';
import {
	freshPath,
	randomHeader,
	send,
	startOrigin,
	startProxy,
	type Origin,
} from '../support/origin.ts';

/** The grader connects from 127.0.0.1; a proxy listening on all interfaces sees it as an
 * IPv4-mapped IPv6 address. Both are the client's address. */
const CLIENT_ADDRESSES = ['127.0.0.1', '::ffff:127.0.0.1'];

function requestsToSend(ctx: CheckContext): GraderRequest[] {
	const query = () =>
		`?${ctx.random.word(3)}=${ctx.random.word(4)}&${ctx.random.word(2)}=${ctx.random.int(1, 999)}`;
	const existing = `203.0.113.${ctx.random.int(1, 254)}`;
	const json = JSON.stringify({ [ctx.random.word()]: ctx.random.word(), n: ctx.random.int(1, 99) });
	return [
		{
			method: 'GET',
			path: `${freshPath(ctx)}${query()}`,
			headers: Object.fromEntries([randomHeader(ctx), ['Accept', 'text/csv']]),
		},
		{
			method: 'POST',
			path: `${freshPath(ctx)}${query()}`,
			headers: Object.fromEntries([
				randomHeader(ctx),
				['Content-Type', 'application/octet-stream'],
			]),
			body: randomBytes(ctx, ctx.random.int(20_000, 200_000)),
		},
		{
			method: 'PUT',
			path: freshPath(ctx),
			headers: Object.fromEntries([
				randomHeader(ctx),
				['Content-Type', 'application/json'],
				['X-Forwarded-For', existing],
			]),
			body: json,
		},
		{
			method: 'PATCH',
			path: freshPath(ctx),
			headers: { 'Content-Type': 'text/plain' },
			body: ctx.random.word(30),
		},
		{
			method: 'DELETE',
			path: `${freshPath(ctx)}${query()}`,
			headers: Object.fromEntries([randomHeader(ctx)]),
		},
	];
}

/** The one request the origin received for this exact method and target, or a failure that says
 * what arrived instead. */
function receivedAtOrigin(
	ctx: CheckContext,
	origin: Origin,
	sent: GraderRequest,
	line: Parameters<CheckContext['fail']>[1],
): RecordedRequest {
	const method = sent.method ?? 'GET';
	const matches = origin.server.requests.filter(
		(one) => one.path === sent.path && one.method === method,
	);
	if (matches.length === 1 && matches[0]) return matches[0];
	if (matches.length > 1)
		ctx.fail(
			`Expected the origin to receive ${method} ${sent.path} once, but it arrived ${matches.length} times`,
			line,
		);
	const id = sent.path.split('/')[2]?.split('?')[0] ?? sent.path;
	const near = origin.server.requests.find((one) => one.path.includes(id));
	const instead = near ? `it received ${near.method} ${near.path} instead` : 'it received nothing';
	return ctx.fail(`Expected the origin to receive ${method} ${sent.path}, but ${instead}`, line);
}

export const forwardsRequest: Check = {
	id: 'forwards-request',
	title: 'The origin receives the method, path, query, headers and body, plus X-Forwarded-For',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const proxy = await startProxy(ctx, origin);
		for (const sent of requestsToSend(ctx)) {
			const res = await send(ctx, proxy, sent);
			const line = res.request;
			const received = receivedAtOrigin(ctx, origin, sent, line);
			const what = `${received.method} ${sent.path}`;
			const headers = sent.headers ?? {};
			for (const [name, value] of Object.entries(headers)) {
				if (name === 'X-Forwarded-For' || name === 'Content-Length') continue;
				const got = received.headers[name.toLowerCase()];
				if (got !== value) {
					const shown = got === undefined ? 'no such header' : JSON.stringify(got);
					ctx.fail(
						`Expected the origin to receive ${name}: ${value} with ${what}, got ${shown}`,
						line,
					);
				}
			}
			const body =
				typeof sent.body === 'string'
					? new TextEncoder().encode(sent.body)
					: (sent.body ?? new Uint8Array());
			const difference = byteDifference(received.body, body);
			if (difference)
				ctx.fail(
					`Expected the origin to receive the body of ${what} unchanged, got ${difference}`,
					line,
				);
			const existing = headers['X-Forwarded-For'];
			const allowed = CLIENT_ADDRESSES.map((client) =>
				existing ? `${existing}, ${client}` : client,
			);
			const xff = received.headers['x-forwarded-for'];
			if (typeof xff !== 'string' || !allowed.includes(xff)) {
				const got = xff === undefined ? 'none' : JSON.stringify(xff);
				ctx.fail(
					`Expected the origin to receive X-Forwarded-For: ${allowed[0]} with ${what}, got ${got}`,
					line,
				);
			}
		}
	},
};
