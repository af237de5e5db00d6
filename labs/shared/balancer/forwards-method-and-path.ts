import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { type LaunchFor, receivedOnce, startPool } from './pool.ts';

const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const TAKES_BODY = new Set<string>(['POST', 'PUT', 'PATCH']);

/** A path with a query string that a URL parser leaves as it is, but a careless proxy might not:
 * `+`, an escaped comma and an empty value must all arrive unchanged. */
function pathWithQuery(ctx: CheckContext, token: string): string {
	const { word } = ctx.random;
	return `/${word(4)}-${word(3)}/${token}?${word(3)}=${word(4)}+${word(2)}&${word(2)}=${word(3)}%2C${ctx.random.int(0, 999)}&${word(3)}=`;
}

export function forwardsMethodAndPath(launchFor?: LaunchFor): Check {
	return {
		id: 'forwards-method-and-path',
		title: 'The backend receives the same method, path and query string',
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			for (const method of ctx.random.shuffle(METHODS)) {
				const token = ctx.random.id('m');
				const path = pathWithQuery(ctx, token);
				const body = TAKES_BODY.has(method) ? `{"note":"${ctx.random.word(8)}"}` : undefined;
				const headers = body === undefined ? undefined : { 'Content-Type': 'application/json' };
				const response = await ctx.request(pool.program, {
					method,
					path,
					...(headers && { headers }),
					...(body !== undefined && { body }),
				});
				const { backend, request } = receivedOnce(ctx, pool, token, response.request);
				if (request.method !== method || request.path !== path) {
					ctx.fail(
						`Expected backend ${backend.number} to receive ${method} ${path}, but it received ${request.method} ${request.path}`,
						response.request,
					);
				}
			}
		},
	};
}
