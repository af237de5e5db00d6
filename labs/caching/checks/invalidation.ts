// Writes through the proxy: a successful one drops the stored copy of the same path and query,
// a failed one leaves it in place.
import type {
	Check,
	CheckContext,
	GraderRequest,
	LearnerProgram,
} from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from '../support/expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from '../support/origin.ts';

const WRITES = ['POST', 'PUT', 'PATCH', 'DELETE'];

function write(ctx: CheckContext, method: string, path: string): GraderRequest {
	if (method === 'DELETE') return { method, path };
	return {
		method,
		path,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ v: ctx.random.word() }),
	};
}

/** Stores `path` with a MISS and checks it is served as a HIT. */
async function store(
	ctx: CheckContext,
	origin: Origin,
	proxy: LearnerProgram,
	path: string,
): Promise<void> {
	const miss = await send(ctx, proxy, { path });
	expectCache(ctx, miss, 'MISS', 'nothing was stored for it yet');
	const hit = await send(ctx, proxy, { path });
	expectCache(ctx, hit, 'HIT', 'the same GET was answered with 200 a moment ago');
	expectVersion(ctx, origin, hit, 1, 'stored from the first request');
}

/** Each write method with the status the origin gives it for this check. */
function assign(ctx: CheckContext, statuses: number[], count: number): [string, number][] {
	return ctx.random
		.shuffle(WRITES)
		.slice(0, count)
		.map((method, i) => [method, statuses[i % statuses.length] ?? 200]);
}

async function startWithStatuses(ctx: CheckContext, statuses: Map<string, number>) {
	const origin = await startOrigin(ctx);
	// A 204 carries no body, so the origin sends none.
	origin.answer = (request) => {
		const status =
			request.method === 'GET' ? 200 : (statuses.get(`${request.method} ${request.path}`) ?? 200);
		return status === 204 ? { status, body: '' } : { status };
	};
	return { origin, proxy: await startProxy(ctx, origin) };
}

export const invalidatesOnWrite: Check = {
	id: 'invalidates-on-write',
	title:
		'A POST, PUT, PATCH or DELETE answered with 2xx removes the stored GET for that path and query',
	async run(ctx) {
		const statuses = new Map<string, number>();
		const { origin, proxy } = await startWithStatuses(ctx, statuses);
		// Every method, each with a different success status: not only 200 counts.
		for (const [method, status] of assign(
			ctx,
			ctx.random.shuffle([200, 201, 202, 204]),
			WRITES.length,
		)) {
			const path = `${freshPath(ctx)}?${ctx.random.word(3)}=${ctx.random.int(1, 99)}`;
			statuses.set(`${method} ${path}`, status);
			await store(ctx, origin, proxy, path);
			const written = await send(ctx, proxy, write(ctx, method, path));
			expectVersion(ctx, origin, written, 1, `the origin's answer to ${method}`);
			const after = await send(ctx, proxy, { path });
			const why = `a ${method} of the same path and query was answered ${status} just before`;
			expectCache(ctx, after, 'MISS', why);
			expectOriginCount(ctx, origin, after, 2, why);
			expectVersion(ctx, origin, after, 2, why);
		}
	},
};

export const keepsOnFailedWrite: Check = {
	id: 'keeps-on-failed-write',
	title: 'A write the origin answers with something other than 2xx leaves the stored GET in place',
	async run(ctx) {
		const statuses = new Map<string, number>();
		const { origin, proxy } = await startWithStatuses(ctx, statuses);
		for (const [method, status] of assign(ctx, ctx.random.shuffle([400, 404, 409, 500, 503]), 2)) {
			const path = freshPath(ctx);
			statuses.set(`${method} ${path}`, status);
			await store(ctx, origin, proxy, path);
			const written = await send(ctx, proxy, write(ctx, method, path));
			expectVersion(ctx, origin, written, 1, `the origin's answer to ${method}`);
			const after = await send(ctx, proxy, { path });
			const why = `the ${method} of the same path was answered ${status}, so nothing changed`;
			expectCache(ctx, after, 'HIT', why);
			expectVersion(ctx, origin, after, 1, why);
		}
	},
};
