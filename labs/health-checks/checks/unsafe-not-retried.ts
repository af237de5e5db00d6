import type { Check } from '../../../src/harness/index.ts';
import {
	describeBackend,
	numbers,
	receiversOf,
	startPool,
	uniquePath,
} from '../../shared/balancer/pool.ts';
import { health } from '../support/health.ts';

const UNSAFE = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/** A backend resets the connection after reading the request: it may have acted on it, so the
 * balancer must answer 502 rather than send it to a second backend. */
export const unsafeNotRetried: Check = {
	id: 'unsafe-not-retried',
	title: 'A POST, PUT, PATCH or DELETE whose backend fails is answered 502, never sent twice',
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 5000, timeoutMs: 1000 });
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: settings.launch });
		// A first round of checks at start-up is allowed; let it pass while every backend is fine.
		await ctx.sleep(ctx.time.stretch(200));
		const resetting = ctx.random.pick(pool.backends);
		await resetting.server.behave({ kind: 'reset' });
		let reached = false;
		for (let index = 0; index < pool.backends.length; index++) {
			const method = ctx.random.pick(UNSAFE);
			const path = uniquePath(ctx);
			const body = method === 'DELETE' ? undefined : JSON.stringify({ order: ctx.random.id('o') });
			const response = await ctx.request(pool.program, {
				method,
				path,
				...(body !== undefined && { body, headers: { 'Content-Type': 'application/json' } }),
			});
			const receivers = receiversOf(pool, path);
			if (!receivers.includes(resetting)) continue;
			reached = true;
			const again = receivers.filter((backend) => backend !== resetting);
			if (again.length > 0) {
				ctx.fail(
					`Expected ${method} ${path} to go to ${describeBackend(resetting)} only, which reset the connection after receiving it, but it was sent again to ${numbers(again)}`,
					response.request,
				);
			}
			if (response.status !== 502) {
				ctx.fail(
					`Expected 502 for ${method} ${path} after ${describeBackend(resetting)} reset the connection, but the client got ${response.status}`,
					response.request,
				);
			}
		}
		if (!reached) {
			ctx.fail(
				`Expected one of ${pool.backends.length} requests to reach ${describeBackend(resetting)} in its turn, but none did`,
			);
		}
	},
};
