// What the cache stores, under which key, and what it must never store.
import type { Check, CheckContext, LearnerProgram } from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from '../support/expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from '../support/origin.ts';

/** Sends two GETs for `path` and expects the origin to answer both, as for a response that must
 * not be stored. */
async function expectNotStored(
	ctx: CheckContext,
	origin: Origin,
	proxy: LearnerProgram,
	path: string,
	why: string,
) {
	const first = await send(ctx, proxy, { path });
	expectCache(ctx, first, 'MISS', `first request for ${path}`);
	const second = await send(ctx, proxy, { path });
	expectCache(ctx, second, 'MISS', why);
	expectOriginCount(ctx, origin, second, 2, why);
	expectVersion(ctx, origin, second, 2, why);
}

/** Long enough for a request a program sends right after answering to reach the origin. */
const REFRESH_WAIT_MS = 150;

export const cachesGet200: Check = {
	id: 'caches-get-200',
	title:
		'A second GET within the TTL is a HIT with the same status, body and Content-Type, without the origin',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const proxy = await startProxy(ctx, origin);
		const paths = [freshPath(ctx), freshPath(ctx)];
		for (const path of paths) {
			const miss = await send(ctx, proxy, { path });
			expectCache(ctx, miss, 'MISS', 'nothing was stored for it yet');
			expectVersion(ctx, origin, miss, 1, 'the first request');
		}
		// Ask again in the other order: each path has its own entry.
		const hits = [];
		for (const path of paths.reverse()) {
			const hit = await send(ctx, proxy, { path });
			expectCache(ctx, hit, 'HIT', 'the same GET was answered with 200 a moment ago');
			expectOriginCount(ctx, origin, hit, 1, 'the second GET should come from the cache');
			expectVersion(ctx, origin, hit, 1, 'stored from the first request');
			hits.push(hit);
		}
		// A HIT must not contact the origin afterwards either, as a refresh in the background would.
		await ctx.sleep(ctx.time.stretch(REFRESH_WAIT_MS));
		for (const hit of hits) {
			expectOriginCount(
				ctx,
				origin,
				hit,
				1,
				'a HIT must not contact the origin, even after answering',
			);
		}
	},
};

export const keyIncludesQuery: Check = {
	id: 'key-includes-query',
	title: 'The cache key is the path together with its query string',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const proxy = await startProxy(ctx, origin);
		const base = freshPath(ctx);
		const name = ctx.random.word(3);
		const targets = [
			`${base}?${name}=${ctx.random.word(4)}`,
			`${base}?${name}=${ctx.random.word(5)}`,
			base,
		];
		for (const path of targets) {
			const res = await send(ctx, proxy, { path });
			expectCache(ctx, res, 'MISS', 'no GET with this exact path and query string was made before');
			expectVersion(ctx, origin, res, 1, 'its own first request');
		}
		for (const path of ctx.random.shuffle(targets)) {
			const res = await send(ctx, proxy, { path });
			expectCache(ctx, res, 'HIT', 'this exact path and query string was stored a moment ago');
			expectVersion(ctx, origin, res, 1, 'stored under its own key');
		}
	},
};

/** Statuses other than 200 that a GET can get, none of which a client follows by itself. */
const OTHER_SUCCESS = [201, 202, 203];
const FAILURES = [400, 403, 410, 500, 503];

export const storesOnlyGet200: Check = {
	id: 'stores-only-get-200',
	title: 'Answers other than 200, and answers to other methods, are never stored',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const statuses = new Map<string, number>();
		origin.answer = (request) => ({ status: statuses.get(request.path) ?? 200 });
		const proxy = await startProxy(ctx, origin);
		// A 404 page and another success are the likeliest to be stored by mistake, so both are
		// always tried, with one more failure.
		const tried = [404, ctx.random.pick(OTHER_SUCCESS), ctx.random.pick(FAILURES)];
		for (const status of ctx.random.shuffle(tried)) {
			const path = freshPath(ctx);
			statuses.set(path, status);
			await expectNotStored(ctx, origin, proxy, path, `the origin answered ${status}, not 200`);
		}
		// A 200 to another method must not be replayed to a later GET.
		for (const method of ['OPTIONS', 'POST']) {
			const path = freshPath(ctx);
			const withBody =
				method === 'POST'
					? { headers: { 'Content-Type': 'text/plain' }, body: ctx.random.word() }
					: {};
			const other = await send(ctx, proxy, { method, path, ...withBody });
			expectVersion(ctx, origin, other, 1, `the origin's answer to ${method}`);
			const res = await send(ctx, proxy, { path });
			expectCache(
				ctx,
				res,
				'MISS',
				`only ${method === 'OPTIONS' ? 'an' : 'a'} ${method} was made for this path before`,
			);
			expectVersion(ctx, origin, res, 1, `the GET after a ${method}`);
		}
	},
};

/** Cache-Control values that forbid storing, in the mixed case real servers send. */
const FORBIDDING = [
	'no-store',
	'private',
	'Private, max-age=60',
	'max-age=600, NO-STORE',
	'public, No-Store',
	'PRIVATE',
];

export const respectsNoStorePrivate: Check = {
	id: 'respects-no-store-private',
	title: 'A 200 whose Cache-Control has no-store or private, in any case, is never stored',
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const cacheControl = new Map<string, string>();
		origin.answer = (request) => ({
			headers: { 'Cache-Control': cacheControl.get(request.path) ?? '' },
		});
		const proxy = await startProxy(ctx, origin);
		// The lower-case forms always, then mixed-case ones, which a case-sensitive match misses.
		const values = [
			...FORBIDDING.slice(0, 2),
			...ctx.random.shuffle(FORBIDDING.slice(2)).slice(0, 3),
		];
		for (const value of values) {
			const path = freshPath(ctx);
			cacheControl.set(path, value);
			await expectNotStored(ctx, origin, proxy, path, `the origin sent Cache-Control: ${value}`);
		}
	},
};
