// With nothing left in the rotation, the balancer says so at once with 503 rather than sending to
// a drained backend, waiting, or looping; undraining one backend brings service back.
import {
	CheckFailure,
	type Check,
	type GraderResponse,
	type CheckContext,
} from '../../../src/harness/index.ts';
import { expectEntry, setDrain } from '../support/admin.ts';
import { describeBackend, numbers, withFarm } from '../support/backends.ts';
import { freshPath, lineFor } from '../support/traffic.ts';

/** "At once" leaves room for a busy machine, but not for waiting on a backend to come back. */
const AT_ONCE_MS = 1000;

export const allDrained503: Check = {
	id: 'all-drained-503',
	title: 'With every backend drained, clients get 503 at once, and undraining one brings it back',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		await withFarm(ctx, async (farm) => {
			for (const backend of ctx.random.shuffle(farm.backends)) {
				await setDrain(ctx, farm, backend, 'drain');
			}
			for (const method of ['GET', ctx.random.pick(['POST', 'PUT', 'DELETE'])]) {
				const path = freshPath(ctx);
				const label = `${method} ${path}`;
				let response: GraderResponse;
				try {
					response = await ctx.request(farm.program, { method, path, timeoutMs: 2000 });
				} catch (error) {
					if (!(error instanceof CheckFailure) || !error.message.startsWith('No response'))
						throw error;
					ctx.failTiming(
						`Expected 503 at once for ${label} with every backend drained, but got no answer within ${ctx.time.stretch(2000)} ms`,
						lineFor(farm, path, method),
					);
				}
				const receivers = farm.receivers(path);
				if (response.status !== 503 || receivers.length > 0) {
					const sent = receivers.length > 0 ? ` after sending it to ${numbers(receivers)}` : '';
					ctx.fail(
						`Expected 503 for ${label} with every backend drained, without contacting any backend, but the client got ${response.status}${sent}`,
						response.request,
					);
				}
				if (response.durationMs > ctx.time.stretch(AT_ONCE_MS)) {
					ctx.failTiming(
						`Expected 503 at once for ${label} with every backend drained, but it took ${response.durationMs} ms`,
						response.request,
					);
				}
			}
			const back = ctx.random.pick(farm.backends);
			const entry = await setDrain(ctx, farm, back, 'undrain');
			expectEntry(ctx, farm, back, entry, { state: 'active', inFlight: 0 }, 'once undrained');
			for (let index = 0; index < 2; index++) {
				const path = freshPath(ctx);
				const response = await ctx.request(farm.program, { path });
				const receivers = farm.receivers(path);
				if (receivers.length !== 1 || receivers[0] !== back) {
					ctx.fail(
						`Expected GET ${path} to reach ${describeBackend(back)}, the only backend undrained after all were drained, but it reached ${numbers(receivers)} and the client got ${response.status}`,
						response.request,
					);
				}
			}
		});
	},
};
