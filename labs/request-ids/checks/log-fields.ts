// A log line says what happened to its request: method, path as received, the status the caller
// got (an upstream's 404 and the service's own 502 alike) and how long the answer took, measured
// from the request's arrival, so that rate, errors and duration can be counted from the logs.
import type { Check, GraderResponse } from '../../../src/harness/index.ts';
import {
	freshPath,
	label,
	logLineOf,
	plan,
	send,
	wellFormedId,
	withChain,
} from '../support/chain.ts';

export const logFields: Check = {
	id: 'log-fields',
	title:
		'Each log line holds the method, the path with its query, the status the caller got and durationMs from arrival to answer',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const { word, int } = ctx.random;
			const judge = async (res: GraderResponse, id: string, path: string, slowMs: number) => {
				const entry = await logLineOf(ctx, chain, res, id);
				const line = JSON.stringify(entry);
				const expect = (field: string, wanted: unknown) => {
					if (entry[field] !== wanted) {
						const got = entry[field] === undefined ? 'no such field' : JSON.stringify(entry[field]);
						ctx.fail(
							`Expected "${field}":${JSON.stringify(wanted)} in the log line of ${label(res)}, got ${got} in: ${line}`,
							res.request,
						);
					}
				};
				expect('method', res.request.method);
				expect('path', path);
				expect('status', res.status);
				const duration = entry['durationMs'];
				if (typeof duration !== 'number' || !Number.isFinite(duration) || duration < 0) {
					return ctx.fail(
						`Expected "durationMs" in the log line of ${label(res)} to be a number of milliseconds, got ${JSON.stringify(duration ?? null)} in: ${line}`,
						res.request,
					);
				}
				// The service cannot answer before its upstream did.
				if (duration < slowMs - 2) {
					ctx.fail(
						`Expected "durationMs" of at least ${slowMs} ms in the log line of ${label(res)}, whose upstream took ${slowMs} ms to answer, got ${duration} in: ${line}`,
						res.request,
					);
				}
				// A line written a little after the answer went out is fine; a figure in microseconds, or
				// counted from some earlier moment, is not.
				const most = res.durationMs + ctx.time.stretch(500);
				if (duration > most) {
					ctx.failTiming(
						`Expected "durationMs" of at most ${most} ms in the log line of ${label(res)}, whose answer the grader had after ${res.durationMs} ms, got ${duration} in: ${line}`,
						res.request,
					);
				}
			};
			const slowMs = int(150, 250);
			const cases = ctx.random.shuffle([
				{
					method: 'GET',
					path: `${freshPath(ctx)}?${word(3)}=${word(4)}`,
					status: 200,
					delayMs: slowMs,
				},
				{ method: 'GET', path: freshPath(ctx), status: 404, delayMs: 0 },
				{ method: 'PATCH', path: `${freshPath(ctx)}?v=${int(1, 9)}`, status: 500, delayMs: 0 },
			]);
			for (const one of cases) {
				plan(ctx, chain, one.path, { status: one.status, delayMs: one.delayMs });
				const id = wellFormedId(ctx);
				const res = await send(ctx, chain, { method: one.method, path: one.path }, id);
				await judge(res, id, one.path, one.delayMs);
			}
			// The service's own failure is logged like any other answer.
			await chain.upstream.behave({ kind: 'refuse' });
			const path = freshPath(ctx);
			const id = wellFormedId(ctx);
			const failed = await send(ctx, chain, { path }, id);
			await judge(failed, id, path, 0);
		});
	},
};
