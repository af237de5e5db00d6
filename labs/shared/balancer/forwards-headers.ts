import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { type LaunchFor, receivedOnce, startPool, uniquePath } from './pool.ts';

/** Request headers a backend relies on, in the mixed case clients write them. Header names are
 * case-insensitive, so only their values are compared. */
function headersToSend(ctx: CheckContext): Record<string, string> {
	const { word, id, int } = ctx.random;
	const custom = (name: string) => `X-${name[0]?.toUpperCase()}${name.slice(1)}-${word(4)}`;
	return {
		Accept: ctx.random.pick(['application/json', 'text/html, */*;q=0.8', 'image/png']),
		'User-Agent': `lab-grader/${int(1, 9)}.${int(0, 99)} (${word(6)})`,
		Authorization: `Bearer ${id('tok')}${id('en')}`,
		[custom(word(5))]: `${word(5)} ${word(3)}; q=0.${int(1, 9)}`,
		[custom(word(4))]: id('trace'),
	};
}

export function forwardsHeaders(launchFor?: LaunchFor): Check {
	return {
		id: 'forwards-headers',
		title: 'The backend receives the request headers',
		timeoutMs: 10_000,
		async run(ctx) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			for (let round = 0; round < 2; round++) {
				const path = uniquePath(ctx);
				const headers = headersToSend(ctx);
				const response = await ctx.request(pool.program, { path, headers });
				const { backend, request } = receivedOnce(ctx, pool, path, response.request);
				for (const [name, value] of Object.entries(headers)) {
					const received = request.headers[name.toLowerCase()];
					if (received !== value) {
						const got = received === undefined ? 'no such header' : JSON.stringify(received);
						ctx.fail(
							`Expected backend ${backend.number} to receive ${name}: ${value}, but it got ${got}`,
							response.request,
						);
					}
				}
			}
		},
	};
}
