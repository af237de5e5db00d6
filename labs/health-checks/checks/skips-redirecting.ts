import type { Check, RecordedRequest } from '../../../src/harness/index.ts';
import {
	type Backend,
	describeBackend,
	receiversOf,
	startPool,
	uniquePath,
} from '../../shared/balancer/pool.ts';
import { failureBoundMs, health } from '../support/health.ts';

/** Redirects: not a 2xx, so not healthy, although a client that follows them (fetch does) would
 * find a 200 at the other end, and one that counts every status below 400 as fine would stop at
 * the redirect itself. */
const REDIRECTS = [301, 302, 303, 307, 308];

/** One backend starts answering its health checks with a redirect to a path it serves with 200,
 * while it still serves clients: once the contract's bound has passed, it gets no requests. */
export const skipsRedirectingBackend: Check = {
	id: 'skips-redirecting-backend',
	title: 'A backend whose health checks answer with a redirect counts as unhealthy',
	timeoutMs: 10_000,
	async run(ctx) {
		const settings = health(ctx, { intervalMs: 200, timeoutMs: 150 });
		const status = ctx.random.pick(REDIRECTS);
		const elsewhere = `/${ctx.random.word(5)}-ok`;
		// Which backend redirects is drawn once the pool exists; health checks before then are 2xx.
		const chosen: { sick?: Backend } = {};
		const healthy = settings.launch.answerOwn;
		const answerOwn = (request: RecordedRequest, backend: Backend) =>
			backend === chosen.sick
				? { status, headers: { Location: elsewhere, 'Content-Type': 'text/plain' }, body: 'moved' }
				: (healthy as NonNullable<typeof healthy>)(request, backend);
		const launch = { ...settings.launch, answerOwn };
		const pool = await startPool(ctx, { count: ctx.random.int(3, 5), launch });
		const sick = ctx.random.pick(pool.backends);
		chosen.sick = sick;
		await ctx.sleep(failureBoundMs(settings));
		for (let index = 0; index < (pool.backends.length - 1) * 2; index++) {
			const path = uniquePath(ctx);
			const response = await ctx.request(pool.program, { path, timeoutMs: 1500 });
			if (receiversOf(pool, path).includes(sick)) {
				ctx.failTiming(
					`Expected no requests for ${describeBackend(sick)} from ${failureBoundMs(settings)} ms after its health checks began to answer ${status} (a redirect to ${elsewhere}, not a 2xx), but request ${index + 1} reached it`,
					response.request,
				);
			}
		}
	},
};
