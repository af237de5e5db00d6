import type { Check, CheckContext, LearnerProgram } from '../../../src/harness/index.ts';
import { backendsEnv } from '../../shared/balancer/env.ts';
import {
	OPEN,
	type StreamingBackend,
	type StreamingPool,
	startStreamingPool,
} from '../support/streaming-backends.ts';

/** Sends GET `path` without waiting for its answer; resolves with the backend it reached. */
async function send(
	ctx: CheckContext,
	program: LearnerProgram,
	pool: StreamingPool,
	path: string,
): Promise<StreamingBackend> {
	void ctx.request(program, { path, timeoutMs: 15_000 }).catch(() => {});
	const deadline = Date.now() + ctx.time.stretch(2000);
	for (;;) {
		const backend = pool.receiver(path);
		if (backend) return backend;
		if (Date.now() > deadline) {
			ctx.fail(`Expected GET ${path} to reach a backend, but none received it`, {
				method: 'GET',
				url: `${program.url}${path}`,
			});
		}
		await ctx.sleep(10);
	}
}

/** With least connections, a request stays in flight until the client's answer has ended, not
 * only until the backend's headers came back. Each backend starts an answer and keeps its body
 * open; while it does, new requests go elsewhere, and as each answer ends, its backend is the one
 * with the fewest again. */
export const countsOpenAnswers: Check = {
	id: 'least-connections-counts-open-answers',
	title:
		'Least connections: a request whose headers came back but whose body has not ended is still in flight',
	timeoutMs: 15_000,
	async run(ctx) {
		const pool = await startStreamingPool(ctx.random.int(3, 5));
		try {
			const urls = pool.backends.map((backend) => backend.url);
			const env = { ...backendsEnv(urls), STRATEGY: 'least-connections' };
			const program = await ctx.start({ env });
			const line = (path: string) => ({ method: 'GET', url: `${program.url}${path}` });
			const openPath = () => `${OPEN}${ctx.random.id('o')}`;
			const busy = (backend: StreamingBackend) =>
				`backend ${backend.number}, still sending the answer to GET ${backend.open[0]?.path} (its headers had gone out, its body had not ended)`;
			// One open answer per backend: each new request must find a backend with none.
			for (let index = 0; index < pool.backends.length; index++) {
				const path = openPath();
				const before = pool.backends.filter((backend) => backend.open.length > 0);
				const reached = await send(ctx, program, pool, path);
				if (before.includes(reached)) {
					ctx.fail(
						`Expected GET ${path} to go to a backend with no request in flight, but it reached ${busy(reached)}`,
						line(path),
					);
				}
				while (reached.open.length === 0) await ctx.sleep(5);
				await ctx.sleep(ctx.time.stretch(30));
			}
			// Two rounds: one answer ends, and the next request must go to that backend alone.
			for (const freed of ctx.random.shuffle(pool.backends).slice(0, 2)) {
				pool.finish(freed);
				await ctx.sleep(ctx.time.stretch(60));
				const path = openPath();
				const reached = await send(ctx, program, pool, path);
				if (reached !== freed) {
					ctx.fail(
						`Expected GET ${path} to reach backend ${freed.number}, whose answer had just ended, but it reached ${busy(reached)}`,
						line(path),
					);
				}
				while (reached.open.length === 0) await ctx.sleep(5);
				await ctx.sleep(ctx.time.stretch(30));
			}
		} finally {
			await pool.close();
		}
	},
};
