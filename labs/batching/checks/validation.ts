// Batches that are malformed or too large are refused whole, before anything reaches the API, and
// /batch is the only route.
import { expectJsonError, type Check } from '../../../src/harness/index.ts';
import { withApi } from '../support/api.ts';
import { expectApiUntouched, expectEntries, knownItem, sendBatch } from '../support/batch.ts';

/** The most sub-requests one batch may hold. */
export const MAX_BATCH = 50;

export const rejectsInvalidBody: Check = {
	id: 'rejects-invalid-body',
	title: 'A body that is not a valid batch gets 400 with a JSON error, and nothing reaches the API',
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const path = `/items/${ctx.random.id('i')}`;
			const bodies: [string, string][] = [
				[`{"requests": [{"method": "GET", "path": "${path}"}`, 'JSON cut short'],
				[`requests=${path}`, 'not JSON'],
				['[]', 'an array instead of an object'],
				['null', 'null instead of an object'],
				[`{"requests": [null, {"path": "${path}"}]}`, 'an entry that is null'],
				['{}', 'no "requests" field'],
				[`{"requests": {"method": "GET", "path": "${path}"}}`, '"requests" not an array'],
				[`{"requests": ["${path}"]}`, 'an entry that is not an object'],
				[`{"requests": [{"method": "GET"}]}`, 'an entry without a path'],
				[`{"requests": [{"method": "GET", "path": 42}]}`, 'a path that is not a string'],
				[
					`{"requests": [{"method": "GET", "path": "${path.slice(1)}"}]}`,
					'a path without its leading /',
				],
				[`{"requests": [{"method": 7, "path": "${path}"}]}`, 'a method that is not a string'],
			];
			// One bad entry late in an otherwise valid batch: a program that checks only the first
			// entry, or checks each one as it sends it, lets the valid ones through.
			const bad = ctx.random.pick<[unknown, string]>([
				[path, 'an entry that is not an object'],
				[{ path: path.slice(1) }, 'an entry whose path lacks its leading /'],
				[
					{ method: ctx.random.pick([1, true, null]), path },
					'an entry whose method is not a string',
				],
				[{ path: null }, 'an entry whose path is not a string'],
			]);
			const valid = Array.from({ length: ctx.random.int(4, 9) }, () => knownItem(ctx, api).sub);
			const at = ctx.random.int(3, valid.length);
			const late = [...valid.slice(0, at), bad[0], ...valid.slice(at)];
			bodies.push([
				JSON.stringify({ requests: late }),
				`${bad[1]} at position ${at + 1} of ${late.length}`,
			]);
			for (const [body, why] of ctx.random.shuffle(bodies)) {
				const res = await ctx.request(program, {
					method: 'POST',
					path: '/batch',
					headers: { 'Content-Type': 'application/json' },
					body,
				});
				if (res.status !== 400) {
					ctx.fail(
						`Expected status 400 for POST /batch with ${why}, got ${res.status}`,
						res.request,
					);
				}
				expectJsonError(res, 400);
				expectApiUntouched(ctx, api, res, why);
			}
			const item = knownItem(ctx, api);
			expectEntries(ctx, await sendBatch(ctx, program, [item.sub]), [item]);
		});
	},
};

export const rejectsTooLarge: Check = {
	id: 'rejects-too-large',
	title: `A batch of more than ${MAX_BATCH} sub-requests gets 413 with a JSON error; ${MAX_BATCH} is fine`,
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const count = ctx.random.pick([MAX_BATCH + 1, ctx.random.int(MAX_BATCH + 2, 200)]);
			const subs = Array.from({ length: count }, () => knownItem(ctx, api).sub);
			const res = await sendBatch(ctx, program, subs);
			if (res.status !== 413) {
				ctx.fail(
					`Expected status 413 for a batch of ${count} sub-requests, got ${res.status}`,
					res.request,
				);
			}
			expectJsonError(res, 413);
			expectApiUntouched(ctx, api, res, `a batch of ${count} is over the limit of ${MAX_BATCH}`);
			const full = Array.from({ length: MAX_BATCH }, () => knownItem(ctx, api));
			expectEntries(
				ctx,
				await sendBatch(
					ctx,
					program,
					full.map((one) => one.sub),
					8000,
				),
				full,
			);
		});
	},
};

export const batchRoute: Check = {
	id: 'batch-route',
	title: '/batch takes only POST (405 with Allow otherwise), and other paths are 404',
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			for (const method of ['GET', ctx.random.pick(['PUT', 'DELETE', 'PATCH'])]) {
				const res = await ctx.request(program, { method, path: '/batch' });
				if (res.status !== 405)
					ctx.fail(`Expected status 405 for ${method} /batch, got ${res.status}`, res.request);
				const allow = String(res.headers['allow'] ?? '');
				if (
					!allow
						.toUpperCase()
						.split(',')
						.map((one) => one.trim())
						.includes('POST')
				) {
					ctx.fail(
						`Expected an Allow header listing POST for ${method} /batch, got ${allow ? `Allow: ${allow}` : 'none'}`,
						res.request,
					);
				}
			}
			const path = `/${ctx.random.word(5)}/${ctx.random.id('x')}`;
			const res = await ctx.request(program, {
				method: 'POST',
				path,
				headers: { 'Content-Type': 'application/json' },
				body: '{"requests": []}',
			});
			if (res.status !== 404)
				ctx.fail(`Expected status 404 for POST ${path}, got ${res.status}`, res.request);
			expectJsonError(res, 404);
			expectApiUntouched(ctx, api, res, `${path} is not a route`);
		});
	},
};
