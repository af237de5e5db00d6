// Sub-requests go to the API at the same time, but never more than ten at once.
import type { Check } from '../../../src/harness/index.ts';
import { withApi } from '../support/api.ts';
import { expectEntries, knownItem, sendBatch } from '../support/batch.ts';

/** The most sub-requests of one batch that may be in flight at the API at once. */
export const MAX_IN_FLIGHT = 10;

export const sendsConcurrently: Check = {
	id: 'sends-concurrently',
	title: 'Sub-requests go to the API concurrently, so a batch takes far less than their sum',
	timeoutMs: 15_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			// The API's delay and the limit grow together with the machine's time scale: their ratio
			// is what tells sending at once from sending one by one.
			const delayMs = ctx.time.stretch(300);
			api.delayMs = () => delayMs;
			const count = MAX_IN_FLIGHT;
			const expected = Array.from({ length: count }, () => knownItem(ctx, api));
			// One at a time would take count × delay; all at once about one delay. A third of the
			// sum leaves a busy machine a wide margin and still catches sending one by one.
			const limitMs = (count * delayMs) / 3;
			const started = Date.now();
			const res = await sendBatch(
				ctx,
				program,
				expected.map((one) => one.sub),
				count * 300 + 3000,
			);
			const elapsed = Date.now() - started;
			ctx.figure('milliseconds for the batch', elapsed);
			ctx.figure('most sub-requests at the API at once', api.maxInFlight);
			expectEntries(ctx, res, expected);
			if (elapsed > limitMs) {
				ctx.failTiming(
					`Expected a batch of ${count} sub-requests, each taking the API ${delayMs} ms, to be answered within ${limitMs} ms, but it took ${elapsed} ms; the API never held more than ${api.maxInFlight} at once`,
					res.request,
				);
			}
		});
	},
};

export const limitsConcurrency: Check = {
	id: 'limits-concurrency',
	title: `No more than ${MAX_IN_FLIGHT} sub-requests of a batch are in flight at the API at once`,
	timeoutMs: 15_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const delayMs = ctx.time.stretch(150);
			api.delayMs = () => delayMs;
			const expected = Array.from({ length: ctx.random.int(25, 40) }, () => knownItem(ctx, api));
			const started = Date.now();
			const res = await sendBatch(
				ctx,
				program,
				expected.map((one) => one.sub),
				10_000,
			);
			const elapsed = Date.now() - started;
			ctx.figure('most sub-requests at the API at once', api.maxInFlight);
			if (api.maxInFlight > MAX_IN_FLIGHT) {
				ctx.fail(
					`Expected at most ${MAX_IN_FLIGHT} sub-requests at the API at once for a batch of ${expected.length}, but it held ${api.maxInFlight}`,
					res.request,
				);
			}
			expectEntries(ctx, res, expected);
			// Larger than the timed batch of sends-concurrently: the limit must keep sub-requests
			// going side by side past the first ten, not send the rest one by one.
			const limitMs = Math.round((expected.length * delayMs) / 3);
			if (elapsed > limitMs) {
				ctx.failTiming(
					`Expected a batch of ${expected.length} sub-requests, each taking the API ${delayMs} ms, to be answered within ${limitMs} ms (a third of one by one), but it took ${elapsed} ms; the API never held more than ${api.maxInFlight} at once`,
					res.request,
				);
			}
		});
	},
};
