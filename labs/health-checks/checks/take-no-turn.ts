import type { Check } from '../../../src/harness/index.ts';
import { startPool, uniquePath } from '../../shared/balancer/pool.ts';
import { type Hop, expectCycle } from '../../shared/balancer/rotation.ts';
import { CLIENT_MARK, health } from '../support/health.ts';

/** Client requests spaced out over several intervals, so that health checks happen between them;
 * every third one asks for the health path itself. The rotation must not notice the health checks,
 * and those clients must get the backend's answer to their own request. */
export const takeNoTurn: Check = {
	id: 'health-checks-take-no-turn',
	title: "Health checks take no turn in the rotation, and no client gets a health check's answer",
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 200, timeoutMs: 150 });
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: settings.launch });
		const hops: Hop[] = [];
		const count = pool.backends.length * 2 + 2;
		for (let index = 0; index < count; index++) {
			if (index > 0) await ctx.sleep(ctx.time.stretch(ctx.random.int(40, 120)));
			const mark = ctx.random.id('c');
			const path = index % 3 === 2 ? settings.path : uniquePath(ctx);
			const response = await ctx.request(pool.program, { path, headers: { [CLIENT_MARK]: mark } });
			const receivers = pool.backends.filter((backend) =>
				backend.server.requests.some((request) => request.headers[CLIENT_MARK] === mark),
			);
			hops.push({ path, response, receivers });
			if (path === settings.path && response.text().includes(settings.token)) {
				ctx.fail(
					`Expected the client's GET ${path} to get a backend's answer to that very request, but it got the answer to one of the balancer's health checks`,
					response.request,
				);
			}
		}
		expectCycle(ctx, hops, pool.backends, { skipsMayBeLate: true });
	},
};
