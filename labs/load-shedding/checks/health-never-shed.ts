// The health check tells a balancer whether this server is alive. Shedding it, or making it wait
// behind the upstream, would take a busy but healthy server out of rotation and pile its load on
// the others.
import { expectStatus, TimingFailure, type Check } from '../../../src/harness/index.ts';
import { fill, finish, send } from '../support/traffic.ts';
import { withUpstream } from '../support/upstream.ts';

export const healthNeverShed: Check = {
	id: 'health-never-shed',
	title:
		'GET /health answers 200 at once even when every slot is taken, and never reaches the upstream',
	timeoutMs: 15_000,
	async run(ctx) {
		await withUpstream(ctx, async (launched) => {
			const { limit, upstream } = launched;
			const quiet = await send(ctx, launched, { path: '/health', timeoutMs: 2000 }).response;
			expectStatus(quiet, 200);
			const filled = await fill(ctx, launched);
			try {
				const checks = Array.from({ length: 3 }, () =>
					send(ctx, launched, { path: '/health', timeoutMs: 1500 }),
				);
				for (const sent of checks) {
					const res = await sent.response.catch((error: unknown) => {
						if (!(error instanceof TimingFailure)) throw error;
						return ctx.failTiming(
							`Expected GET /health to be answered at once while ${limit} requests were in flight (MAX_IN_FLIGHT=${limit}), but it got no answer while they were held: a health check must not wait for a slot or for the upstream`,
							error.request,
						);
					});
					if (res.status !== 200) {
						ctx.fail(
							`Expected 200 for GET /health while ${limit} requests were in flight (MAX_IN_FLIGHT=${limit}), got ${res.status}: a health check must never be shed`,
							res.request,
						);
					}
				}
			} finally {
				upstream.release();
			}
			await finish(ctx, launched, filled);
			const forwarded = upstream.arrivals.filter(
				(arrival) => arrival.path.split('?')[0] === '/health',
			);
			if (forwarded.length > 0) {
				ctx.fail(
					`Expected GET /health to be answered by your server itself, but the upstream received it ${forwarded.length} times`,
					{ method: 'GET', url: `${launched.program.url}/health` },
				);
			}
		});
	},
};
