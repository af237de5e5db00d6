import type { Check } from '../../../src/harness/index.ts';
import { describeBackend, receiversOf } from '../../shared/balancer/pool.ts';
import { clientAddresses, visit } from '../support/clients.ts';
import { startWith } from '../support/strategy.ts';

/** The grader learns where some clients go, stops one of those backends, and asks again: the
 * backend list has not changed, so its clients get 502 and every other client keeps its backend. */
export const refusedIpHash: Check = {
	id: 'ip-hash-refused-502',
	title: 'IP hash: a client whose backend refuses connections gets 502; others keep theirs',
	timeoutMs: 10_000,
	async run(ctx) {
		const pool = await startWith(ctx, 'ip-hash');
		const before = await visit(ctx, pool, clientAddresses(ctx, 24));
		const chosen = ctx.random.pick(before);
		const dead = chosen.backend;
		await dead.server.behave({ kind: 'refuse' });
		// The chosen client first and last, so a balancer that reshuffles its clients after the
		// first refusal is caught, and between them a sample of the others, some on the same backend.
		const others = ctx.random.shuffle(before.filter((one) => one !== chosen)).slice(0, 10);
		const again = [chosen, ...others, chosen];
		for (const { forwardedFor, backend } of again) {
			const path = `/again-${ctx.random.id('c')}`;
			const headers = { 'X-Forwarded-For': forwardedFor ?? '' };
			const response = await ctx.request(pool.program, { path, headers });
			const [receiver] = receiversOf(pool, path);
			if (backend === dead && response.status !== 502) {
				ctx.fail(
					`Expected 502 for client ${forwardedFor}, as ${describeBackend(dead)}, which it reached before, now refuses connections, but the client got ${response.status}${receiver ? ` from backend ${receiver.number}` : ''}`,
					response.request,
				);
			}
			if (backend !== dead && receiver !== backend) {
				ctx.fail(
					`Expected client ${forwardedFor} to reach ${describeBackend(backend)} again, as before ${describeBackend(dead)} went down, but it reached ${receiver ? `backend ${receiver.number}` : 'no backend'} (status ${response.status})`,
					response.request,
				);
			}
		}
	},
};
