// A backend that dies half way through an answer. The contract relays the backend's body byte for
// byte, so the client must see that answer cut short (or, if the failure came before the headers
// went out, a 502), never a connection left waiting for bytes that will not come; and like any
// failed backend it must not take the balancer down with it.
import { CheckFailure, TimingFailure, type Check } from '../../../src/harness/index.ts';
import { describeBackend, receiversOf, startPool, uniquePath } from '../../shared/balancer/pool.ts';

/** How long the client waits for the cut answer to end, before stretching. */
const CUT_WAIT_MS = 2000;

export const cutAnswer: Check = {
	id: 'backend-fails-mid-answer',
	title:
		'A backend that fails half way through an answer: the client sees it cut short, and the next requests are served',
	timeoutMs: 15_000,
	async run(ctx) {
		const pool = await startPool(ctx, { count: ctx.random.int(2, 4) });
		const broken = ctx.random.pick(pool.backends);
		// Late enough that the balancer has passed the headers on before the reset comes.
		await broken.server.behave({ kind: 'cut', afterMs: ctx.time.stretch(100) });
		const rounds = pool.backends.length + 1;
		let reached = false;
		for (let index = 0; index < rounds; index++) {
			const path = uniquePath(ctx);
			const waitMs = ctx.time.stretch(CUT_WAIT_MS);
			let status: number | undefined;
			try {
				status = (await ctx.request(pool.program, { path, timeoutMs: CUT_WAIT_MS })).status;
			} catch (error) {
				if (!receiversOf(pool, path).includes(broken)) throw error;
				reached = true;
				if (pool.program.exited()) {
					ctx.fail(
						`Expected the balancer to keep running after ${describeBackend(broken)} failed half way through its answer to GET ${path}, but it exited`,
					);
				}
				if (error instanceof TimingFailure) {
					ctx.failTiming(
						`Expected the answer to GET ${path} to be cut short when ${describeBackend(broken)} failed half way through it (a reset after part of the body), but the client was still waiting ${waitMs} ms later`,
					);
				}
				if (!(error instanceof CheckFailure)) throw error;
				continue;
			}
			if (!receiversOf(pool, path).includes(broken)) continue;
			reached = true;
			if (status !== 502) {
				ctx.fail(
					`Expected GET ${path}, whose answer ${describeBackend(broken)} cut short, to reach the client cut short (or as 502), but it got a whole answer with status ${status}`,
				);
			}
		}
		if (!reached) {
			ctx.fail(
				`Expected one of ${rounds} requests in a row to reach ${describeBackend(broken)}, in its turn, but none did`,
			);
		}
	},
};
