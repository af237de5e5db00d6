import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { type Backend, describeBackend, startPool } from '../../shared/balancer/pool.ts';
import { type Hop, sendSequence } from '../../shared/balancer/rotation.ts';

/** Where the rotation started, worked out from the first request that reached a live backend. */
function firstTurn(hops: Hop[], count: number): number | undefined {
	const index = hops.findIndex((hop) => hop.receivers.length > 0);
	const receiver = hops[index]?.receivers[0];
	if (!receiver) return undefined;
	return (((receiver.number - 1 - index) % count) + count) % count;
}

/** One backend refuses connections. Its turns must still come round, each answered 502, and the
 * request after each one must go to the backend after it. */
export const refusedBackend: Check = {
	id: 'refused-backend-502',
	title: 'A backend that refuses connections gets 502 and keeps its turn',
	timeoutMs: 10_000,
	async run(ctx: CheckContext) {
		const pool = await startPool(ctx, { count: ctx.random.int(2, 5) });
		const { backends } = pool;
		const dead = ctx.random.pick(backends);
		await dead.server.behave({ kind: 'refuse' });
		const hops = await sendSequence(ctx, pool, backends.length * 2 + 1);
		const start = firstTurn(hops, backends.length);
		if (start === undefined) {
			ctx.fail(
				`Expected the backends other than ${describeBackend(dead)} to receive requests, but none did`,
				hops[0]?.response.request,
			);
		}
		hops.forEach((hop, index) => {
			const turn = backends[(start + index) % backends.length] as Backend;
			const { response, receivers } = hop;
			const reached =
				receivers.map((backend) => `backend ${backend.number}`).join(' and ') || 'no backend';
			if (turn === dead && response.status !== 502) {
				ctx.fail(
					`Expected 502 for request ${index + 1}, whose turn was ${describeBackend(dead)} that refuses connections, but the client got ${response.status} (it reached ${reached})`,
					response.request,
				);
			}
			if (turn !== dead && (receivers.length !== 1 || receivers[0] !== turn)) {
				ctx.fail(
					`Expected request ${index + 1} to reach ${describeBackend(turn)}, but it reached ${reached} (status ${response.status})`,
					response.request,
				);
			}
		});
	},
};
