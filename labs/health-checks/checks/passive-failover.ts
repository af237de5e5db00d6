import type { Check } from '../../../src/harness/index.ts';
import {
	type Backend,
	describeBackend,
	receiversOf,
	startPool,
	uniquePath,
} from '../../shared/balancer/pool.ts';
import { nextAfter } from '../../shared/balancer/rotation.ts';
import { health, healthChecks } from '../support/health.ts';

/** Health checks are spaced far apart here, so only passive failover can hide the two broken
 * backends: one refuses connections, the other resets them after reading the request. */
export const passiveFailover: Check = {
	id: 'passive-failover',
	title: 'A GET or HEAD that cannot reach its backend is retried on the next one',
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 5000, timeoutMs: 1000 });
		const pool = await startPool(ctx, { count: ctx.random.int(3, 5), launch: settings.launch });
		// A first round of checks at start-up is allowed; let it pass while every backend is fine.
		// Once one check of that round has come, wait for the round's others (a busy machine
		// spreads them out); a balancer that runs no first round costs the short wait only.
		const checked = () =>
			pool.backends.filter((b) => healthChecks(settings, b.server.requests).length > 0);
		const quiet = Date.now() + ctx.time.stretch(200);
		const roundEnd = Date.now() + ctx.time.stretch(1000);
		while (Date.now() < (checked().length > 0 ? roundEnd : quiet)) {
			if (checked().length === pool.backends.length) break;
			await ctx.sleep(10);
		}
		// The two broken backends are neighbours in BACKENDS, so a request whose turn falls on the
		// first must get past the second too: a balancer that retries only once is caught.
		const first = ctx.random.pick(pool.backends);
		const pair = [first, nextAfter(first, pool.backends)];
		const [refusing, resetting] = ctx.random.shuffle(pair) as [Backend, Backend];
		const brokenAt = Date.now();
		await refusing.server.behave({ kind: 'refuse' });
		await resetting.server.behave({ kind: 'reset' });
		const what = `${describeBackend(refusing)} refuses connections and ${describeBackend(resetting)} resets them`;
		// Twice round the pool: a balancer may take the refusing backend out after its failure and
		// carry on round the rest (the contract allows any fair way), which can move the resetting
		// backend's turn past a single round (fetch-first-round did, for some seeds).
		const sent = 2 * pool.backends.length;
		for (let index = 0; index < sent; index++) {
			const method = index % 3 === 1 ? 'HEAD' : 'GET';
			const path = uniquePath(ctx);
			const response = await ctx.request(pool.program, { method, path });
			const served = receiversOf(pool, path).filter((backend) => backend !== resetting);
			if (response.status !== 200 || served.length === 0) {
				ctx.fail(
					`Expected ${method} ${path} to be answered 200 by a working backend while ${what}, but the client got ${response.status}`,
					response.request,
				);
			}
		}
		const reached = resetting.server.requests.some((request) => pool.isClientRequest(request));
		if (!reached) {
			const message = `Expected one of ${sent} requests to be tried on ${describeBackend(resetting)} in its turn, but none was`;
			// A health check that reached the broken backend may rightly have taken it out first: on
			// a slow machine the start-up round can come late. That is the grader losing a race, so
			// the check runs again, with limits stretched for the machine, before it says so.
			const seenBroken = healthChecks(settings, resetting.server.requests).some(
				(request) => request.receivedAt >= brokenAt,
			);
			if (seenBroken) {
				ctx.failTiming(
					`${message}; a health check reached it after it broke, which may have taken it out first`,
				);
			}
			ctx.fail(message);
		}
	},
};
