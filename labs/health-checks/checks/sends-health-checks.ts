import type { Check, CheckContext, RecordedRequest } from '../../../src/harness/index.ts';
import { type Backend, describeBackend, startPool } from '../../shared/balancer/pool.ts';
import { expectCycle, sendSequence } from '../../shared/balancer/rotation.ts';
import { type Health, healthChecks, health } from '../support/health.ts';

/** A short summary of what a backend received, to show a learner where their checks went. */
function summary(requests: RecordedRequest[]): string {
	if (requests.length === 0) return 'nothing';
	const counts = new Map<string, number>();
	for (const { method, path } of requests)
		counts.set(`${method} ${path}`, (counts.get(`${method} ${path}`) ?? 0) + 1);
	return [...counts].map(([line, count]) => `${count} × ${line}`).join(', ');
}

/** Fails unless the backend received between `min` and `max` GETs of the health path so far. */
export function expectHealthChecks(
	ctx: CheckContext,
	settings: Health,
	backend: Backend,
	range: { min: number; max: number; windowMs: number },
): void {
	const checks = healthChecks(settings, backend.server.requests);
	const other = checks.find((request) => request.method !== 'GET');
	if (other) {
		ctx.fail(
			`Expected health checks to use GET, but ${describeBackend(backend)} received ${other.method} ${other.path}`,
		);
	}
	if (checks.length < range.min || checks.length > range.max) {
		ctx.failTiming(
			`Expected about one GET ${settings.path} every ${settings.intervalMs} ms at ${describeBackend(backend)}, but in ${range.windowMs} ms it received ${summary(backend.server.requests)}`,
		);
	}
}

/** Counts the checks each backend receives in a fixed window, then makes sure that backends that
 * answer them with a 2xx other than 200 are still served: any 2xx means healthy. */
export const sendsHealthChecks: Check = {
	id: 'sends-health-checks',
	title:
		'Every backend gets GET HEALTH_PATH at each interval, and any 2xx answer counts as healthy',
	timeoutMs: 10_000,
	async run(ctx) {
		const status = ctx.random.pick([201, 202, 204]);
		const settings = health(ctx, { intervalMs: 200, timeoutMs: 150, status });
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: settings.launch });
		const windowMs = ctx.time.stretch(1000);
		await ctx.sleep(windowMs);
		// Five intervals fit in the window; a busy machine may delay a tick or two, and a first round
		// at start-up adds one. Far more than that means the interval is not being respected.
		const range = { min: 3, max: 10, windowMs };
		for (const backend of pool.backends) expectHealthChecks(ctx, settings, backend, range);
		ctx.figure(
			'health checks per backend',
			healthChecks(settings, pool.backends[0]?.server.requests ?? []).length,
		);
		const hops = await sendSequence(ctx, pool, pool.backends.length);
		const refused = hops.find((hop) => hop.response.status === 503);
		if (refused) {
			// Every backend answered its checks with a 2xx at once, so a 503 means the balancer took
			// them for unhealthy: it counts only 200, or its checks ran past HEALTH_TIMEOUT_MS on a
			// machine slower than measured. The second is the machine's doing, so the check runs
			// again with limits stretched further before it reports; a balancer that counts only
			// 200 fails that run too.
			ctx.failTiming(
				`Expected backends that answer health checks with ${status} to be healthy, as any 2xx is, but the client got 503`,
				refused.response.request,
			);
		}
		expectCycle(ctx, hops, pool.backends);
	},
};
