import type { Check } from '../../../src/harness/index.ts';
import { describeBackend, receiversOf } from '../../shared/balancer/pool.ts';
import { InFlight } from '../support/in-flight.ts';
import { startWith } from '../support/strategy.ts';

/** The only idle backend starts refusing connections, so least connections must choose it: the
 * client gets 502, and since that request is then finished, the next one must choose it again. */
export const refusedLeastConnections: Check = {
	id: 'least-connections-refused-502',
	title: 'Least connections: a backend that refuses connections costs the client a 502',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'least-connections', 3);
		const script = new InFlight(ctx, pool);
		try {
			for (let index = 1; index < pool.backends.length; index++) await script.hold();
			const [dead] = script.least();
			if (!dead) throw new Error('grader error: no idle backend');
			await dead.server.behave({ kind: 'refuse' });
			for (let index = 1; index <= 2; index++) {
				const response = await ctx.request(pool.program, { path: `/down-${ctx.random.id('d')}` });
				const path = new URL(response.request.url).pathname;
				const reached = receiversOf(pool, path);
				if (response.status !== 502 || reached.length > 0) {
					const where = reached.map((backend) => `backend ${backend.number}`).join(' and ');
					ctx.fail(
						`Expected 502 for request ${index} after the others got a held request each, as only ${describeBackend(dead)} had none in flight and it refuses connections, but the client got ${response.status}${where ? ` from ${where}` : ''}`,
						response.request,
					);
				}
				await ctx.sleep(ctx.time.stretch(60));
			}
		} finally {
			script.releaseAll();
		}
	},
};
