// A client that goes away ends its request: the balancer closes its own request to the backend,
// and the backend's count comes down, so a draining backend can still turn drained.
import type { ClientRequest } from 'node:http';
import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { NOTICE_MS, setDrain, waitForEntry } from '../support/admin.ts';
import { describeBackend, withFarm } from '../support/backends.ts';
import { sendLeaving } from '../support/clients.ts';
import { lineFor, waitUntil } from '../support/traffic.ts';

export const clientGoneEndsRequest: Check = {
	id: 'client-gone-ends-request',
	title: 'A client that goes away ends its request, so its draining backend turns drained',
	timeoutMs: 15_000,
	async run(ctx: CheckContext) {
		const opened: ClientRequest[] = [];
		try {
			await withFarm(ctx, async (farm) => {
				const leaving = [];
				for (let index = 0; index < farm.backends.length; index++) {
					leaving.push(await sendLeaving(ctx, farm, opened));
				}
				const gone = ctx.random.pick(leaving);
				const { backend, path } = gone;
				await setDrain(ctx, farm, backend, 'drain');
				gone.leave();
				const why = `after the client of GET ${path}, its only request in flight, went away`;
				await waitForEntry(ctx, farm, backend, { state: 'drained', inFlight: 0 }, why);
				const arrival = backend.arrivals.find((one) => one.path === path);
				const limitMs = ctx.time.stretch(NOTICE_MS);
				await waitUntil(ctx, () => arrival?.abandoned === true, limitMs);
				if (!arrival?.abandoned) {
					ctx.failTiming(
						`Expected your balancer to close its request GET ${path} to ${describeBackend(backend)} within ${limitMs} ms of the client going away, but the backend still had it open (it reported the backend drained all the same)`,
						lineFor(farm, path),
					);
				}
				for (const one of leaving) farm.release(one.path);
			});
		} finally {
			for (const req of opened) req.destroy();
		}
	},
};
