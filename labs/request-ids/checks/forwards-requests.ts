// Besides the id, the service is a plain pass-through: method, path, query and body reach the
// upstream unchanged, and the upstream's status, Content-Type and body come back unchanged, a 404
// or a 500 included, since those are the upstream's answers and not failures of the service.
import type { Check } from '../../../src/harness/index.ts';
import { freshPath, label, plan, send, wellFormedId, withChain } from '../support/chain.ts';

export const forwardsRequests: Check = {
	id: 'forwards-requests',
	title: "Requests reach the upstream unchanged, and the upstream's answers come back unchanged",
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const { word, int } = ctx.random;
			const cases = [
				{
					method: 'GET',
					path: `${freshPath(ctx)}?${word(4)}=${word(5)}&n=${int(1, 999)}`,
					status: 200,
				},
				{ method: 'POST', path: freshPath(ctx), status: 201 },
				{ method: 'PUT', path: `${freshPath(ctx)}?v=${int(2, 9)}`, status: 200 },
				{ method: 'GET', path: freshPath(ctx), status: 404 },
				{ method: 'DELETE', path: freshPath(ctx), status: 500 },
			];
			for (const { method, path, status } of ctx.random.shuffle(cases)) {
				const planned = plan(ctx, chain, path, { status });
				const body =
					method === 'POST' || method === 'PUT'
						? JSON.stringify({ item: word(6), quantity: int(1, 9), note: `${word(4)} ☕` })
						: undefined;
				const res = await send(
					ctx,
					chain,
					{
						method,
						path,
						...(body ? { body, headers: { 'Content-Type': 'application/json' } } : {}),
					},
					ctx.random.int(0, 1) === 1 ? wellFormedId(ctx) : undefined,
				);
				const arrivals = chain.upstream.requests.filter((one) => one.path === path);
				if (arrivals.length !== 1) {
					const other = chain.upstream.requests.at(-1);
					const seen = other
						? `; the last request it received was ${other.method} ${other.path}`
						: '';
					ctx.fail(
						`Expected the upstream to receive ${method} ${path} once, but it received it ${arrivals.length} times${seen}`,
						res.request,
					);
				}
				const arrival = arrivals[0]!;
				if (arrival.method !== method) {
					ctx.fail(
						`Expected the upstream to receive ${method} ${path} as ${method}, but it received ${arrival.method}`,
						res.request,
					);
				}
				const sent = Buffer.from(body ?? '');
				if (Buffer.compare(sent, Buffer.from(arrival.body)) !== 0) {
					ctx.fail(
						`Expected the upstream to receive the ${sent.length}-byte body of ${method} ${path} unchanged, but it received ${arrival.body.length} bytes`,
						res.request,
					);
				}
				if (res.status !== planned.status) {
					ctx.fail(
						`Expected status ${planned.status} from the upstream for ${label(res)}, got ${res.status}`,
						res.request,
					);
				}
				const type = res.headers['content-type'];
				if (type !== planned.contentType) {
					ctx.fail(
						`Expected Content-Type ${JSON.stringify(planned.contentType)} from the upstream for ${label(res)}, got ${type === undefined ? 'none' : JSON.stringify(type)}`,
						res.request,
					);
				}
				if (res.text() !== planned.body) {
					ctx.fail(
						`Expected the upstream's ${Buffer.byteLength(planned.body)}-byte body for ${label(res)}, got ${res.body.length} bytes`,
						res.request,
					);
				}
			}
		});
	},
};
