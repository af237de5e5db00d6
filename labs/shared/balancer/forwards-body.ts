import type { Check } from '../../../src/harness/index.ts';
import { byteDifference, randomBytes } from '../http/bytes.ts';
import { type LaunchFor, receivedOnce, startPool, uniquePath } from './pool.ts';

/** A mebibyte of binary data catches proxies that decode the body as text or forward only its
 * first chunk; a short UTF-8 body with multi-byte characters catches wrong lengths. */
export function forwardsBody(launchFor?: LaunchFor): Check {
	return {
		id: 'forwards-body',
		title: 'Request bodies reach the backend unchanged',
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			const note = `{"city":"Zürich ${ctx.random.word(4)}","temp":"${ctx.random.int(-9, 30)} °C ✓"}`;
			const bodies = [
				{ method: 'POST', type: 'application/octet-stream', body: randomBytes(ctx, 1024 * 1024) },
				{
					method: ctx.random.pick(['PUT', 'PATCH']),
					type: 'application/json',
					body: new TextEncoder().encode(note),
				},
			];
			for (const { method, type, body } of bodies) {
				const path = uniquePath(ctx);
				const response = await ctx.request(pool.program, {
					method,
					path,
					headers: { 'Content-Type': type },
					body,
					timeoutMs: 5000,
				});
				const { backend, request } = receivedOnce(ctx, pool, path, response.request);
				const difference = byteDifference(request.body, body);
				if (difference) {
					ctx.fail(
						`Backend ${backend.number} received ${difference} (${method} ${type})`,
						response.request,
					);
				}
			}
		},
	};
}
