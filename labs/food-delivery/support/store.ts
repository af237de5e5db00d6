// The grader's key-value store, shared by every API server in a check: `GET /kv/{key}` answers
// the stored text or 404, `PUT /kv/{key}` stores the body (204), or, with `If-None-Match: *`,
// answers 412 when the key is already taken, so two servers cannot both claim one key.
import type {
	CheckContext,
	FakeResponse,
	FakeServer,
	GraderRequestLine,
} from '../../../src/harness/index.ts';

export interface Store {
	server: FakeServer;
	values: Map<string, string>;
}

const empty = (status: number): FakeResponse => ({ status });

export async function startStore(ctx: CheckContext): Promise<Store> {
	const values = new Map<string, string>();
	const server = await ctx.fakeServer({
		name: 'store',
		respond: (request) => {
			const match = /^\/kv\/([^?]+)$/.exec(request.path);
			if (!match) {
				return {
					status: 404,
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ error: 'The store has only /kv/{key}' }),
				};
			}
			const key = decodeURIComponent(match[1] as string);
			if (request.method === 'GET') {
				const value = values.get(key);
				return value === undefined
					? empty(404)
					: { status: 200, headers: { 'Content-Type': 'application/json' }, body: value };
			}
			if (request.method === 'PUT') {
				if (request.headers['if-none-match'] === '*' && values.has(key)) return empty(412);
				values.set(key, new TextDecoder().decode(request.body));
				return empty(204);
			}
			return { status: 405, headers: { Allow: 'GET, PUT' } };
		},
	});
	return { server, values };
}

/** Fails unless some value in the store holds the order's id and charge id: orders live in the
 * store, not in a file or a process that only this machine's copies can see. */
export function expectOrderInStore(
	ctx: CheckContext,
	store: Store,
	order: { id: string; chargeId: string },
	request: GraderRequestLine,
): void {
	const held = [...store.values.values()].some(
		(value) => value.includes(order.id) && value.includes(order.chargeId),
	);
	if (!held) {
		ctx.fail(
			`Expected the store at STORE_URL to hold order ${order.id} (with charge ${order.chargeId}), got ${store.values.size} values, none of them that order`,
			request,
		);
	}
}
