import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { type LaunchFor, type Pool, receivedOnce, startPool, uniquePath } from './pool.ts';

/** The grader connects from 127.0.0.1; a program listening on all interfaces sees it as IPv4
 * mapped into IPv6. Both are the client's address. */
const CLIENT_ADDRESSES = ['127.0.0.1', '::ffff:127.0.0.1'];

/** Sends one request with an optional X-Forwarded-For and returns what the backend received. */
async function forward(ctx: CheckContext, pool: Pool, existing?: string) {
	const path = uniquePath(ctx);
	const headers = existing === undefined ? undefined : { 'X-Forwarded-For': existing };
	const response = await ctx.request(pool.program, { path, ...(headers && { headers }) });
	const { backend, request } = receivedOnce(ctx, pool, path, response.request);
	const received = request.headers['x-forwarded-for'];
	const got =
		received === undefined ? 'no X-Forwarded-For' : `X-Forwarded-For: ${String(received)}`;
	return { backend, received, got, sent: response.request };
}

export function setsXForwardedFor(launchFor?: LaunchFor): Check {
	return {
		id: 'sets-x-forwarded-for',
		title: "The backend receives X-Forwarded-For with the client's address",
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			const { backend, received, got, sent } = await forward(ctx, pool);
			if (typeof received !== 'string' || !CLIENT_ADDRESSES.includes(received)) {
				ctx.fail(
					`Expected backend ${backend.number} to receive X-Forwarded-For: 127.0.0.1 (or ::ffff:127.0.0.1), but it got ${got}`,
					sent,
				);
			}
		},
	};
}

export function appendsXForwardedFor(launchFor?: LaunchFor): Check {
	return {
		id: 'appends-x-forwarded-for',
		title: "An existing X-Forwarded-For gets the client's address appended",
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			// Documentation addresses (RFC 5737), as a chain of one proxy and then of two.
			const first = `203.0.113.${ctx.random.int(1, 254)}`;
			const chains = [first, `198.51.100.${ctx.random.int(1, 254)}, ${first}`];
			for (const existing of chains) {
				const { backend, received, got, sent } = await forward(ctx, pool, existing);
				const allowed = CLIENT_ADDRESSES.map((client) => `${existing}, ${client}`);
				if (typeof received !== 'string' || !allowed.includes(received)) {
					ctx.fail(
						`Expected backend ${backend.number} to receive X-Forwarded-For: ${allowed[0]}, but it got ${got}`,
						sent,
					);
				}
			}
		},
	};
}
