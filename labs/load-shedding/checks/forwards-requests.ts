// Below the limit the server is a plain pass-through: what the client sends reaches the upstream
// unchanged, and what the upstream answers, errors included, comes back unchanged.
import type { Check, GraderRequest } from '../../../src/harness/index.ts';
import {
	describeBytes,
	expectUpstreamAnswer,
	freshPath,
	planFor,
	randomBody,
	send,
} from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

export const forwardsRequests: Check = {
	id: 'forwards-requests',
	title:
		'Requests within the limit reach the upstream unchanged, and its answers come back unchanged',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { word, int } = ctx.random;
			const cases: { request: GraderRequest; status: number }[] = [
				{
					request: { path: `${freshPath(ctx)}?${word(4)}=${word(5)}&n=${int(1, 999)}` },
					status: 200,
				},
				{ request: { method: 'POST', path: freshPath(ctx) }, status: 201 },
				{ request: { method: 'PUT', path: `${freshPath(ctx)}?v=${int(2, 9)}` }, status: 200 },
				{ request: { method: 'DELETE', path: freshPath(ctx) }, status: 200 },
				{ request: { path: freshPath(ctx) }, status: 404 },
				{ request: { path: freshPath(ctx) }, status: 500 },
			];
			for (const one of cases) {
				if (one.request.method === 'POST' || one.request.method === 'PUT') {
					const { type, text } = randomBody(ctx, one.request.path);
					one.request.headers = { 'Content-Type': type };
					one.request.body = text;
				}
			}
			for (const { request, status } of ctx.random.shuffle(cases)) {
				const before = launched.upstream.arrivals.length;
				const plan = planFor(ctx, launched, request.path, { status, delayMs: 0 });
				const res = await send(ctx, launched, { ...request, timeoutMs: 3000 }).response;
				const label = `${request.method ?? 'GET'} ${request.path}`;
				const arrivals = launched.upstream.arrivals.filter((one) => one.path === request.path);
				const other = launched.upstream.arrivals
					.slice(before)
					.find((one) => one.path !== request.path);
				if (arrivals.length === 0 && other) {
					ctx.fail(
						`Expected the upstream to receive ${label}, but it received ${other.method} ${other.path}`,
						res.request,
					);
				}
				if (arrivals.length !== 1) {
					ctx.fail(
						`Expected the upstream to receive ${label} once, but it received it ${arrivals.length} times; your server answered ${res.status}`,
						res.request,
					);
				}
				const arrival = arrivals[0]!;
				if (arrival.method !== (request.method ?? 'GET')) {
					ctx.fail(
						`Expected the upstream to receive ${label} as ${request.method ?? 'GET'}, but it received ${arrival.method}`,
						res.request,
					);
				}
				const sent = Buffer.from(request.body ?? '');
				if (Buffer.compare(sent, Buffer.from(arrival.body)) !== 0) {
					ctx.fail(
						`Expected the upstream to receive the ${sent.length}-byte body of ${label} unchanged, but it received ${describeBytes(arrival.body, sent)}`,
						res.request,
					);
				}
				expectUpstreamAnswer(ctx, res, plan);
			}
		});
	},
};
