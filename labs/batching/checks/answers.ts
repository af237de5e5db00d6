// A valid batch gets one entry per sub-request, in the order they were listed, each carrying the
// status and JSON body the API gave that sub-request.
import type { Check } from '../../../src/harness/index.ts';
import { withApi } from '../support/api.ts';
import {
	type Expected,
	expectEntries,
	failingItem,
	knownItem,
	redirectItem,
	sendBatch,
} from '../support/batch.ts';

const ERROR_STATUSES = [400, 404, 409, 410, 422, 500, 503];

export const answersInOrder: Check = {
	id: 'answers-in-order',
	title: "A batch answers 200 with each sub-request's status and body, in the order listed",
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const expected = Array.from({ length: ctx.random.int(5, 9) }, () => knownItem(ctx, api));
			// The API answers the first-listed sub-request last, so answers put together in the order
			// they arrive come out reversed. The steps grow with the machine's time scale, so that
			// scheduling noise cannot shuffle them back into order.
			const step = ctx.time.stretch(40);
			const delays = new Map(
				expected.map((one, index) => [one.sub.path, (expected.length - index) * step]),
			);
			api.delayMs = (path) => delays.get(path) ?? 0;
			// Every body arrives in two pieces with a multi-byte character cut between them, so a
			// program that decodes each piece on its own garbles it.
			api.splitGapMs = ctx.time.stretch(15);
			expectEntries(
				ctx,
				await sendBatch(
					ctx,
					program,
					expected.map((one) => one.sub),
				),
				expected,
			);
			const received = api.requests.map((request) => `${request.method} ${request.path}`).sort();
			const sent = expected.map((one) => `GET ${one.sub.path}`).sort();
			if (received.join('\n') !== sent.join('\n')) {
				ctx.fail(
					`Expected the API to receive ${sent.join(', ')} once each, got ${received.join(', ')}`,
				);
			}
			const empty = await sendBatch(ctx, program, []);
			expectEntries(ctx, empty, []);
		});
	},
};

export const keepsSubStatus: Check = {
	id: 'keeps-sub-status',
	title:
		'A sub-request keeps the status the API gave it (404 stays 404, a redirect is not followed) inside a 200 batch',
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const expected: Expected[] = [
				knownItem(ctx, api),
				failingItem(ctx, api, 404),
				failingItem(ctx, api, ctx.random.pick(ERROR_STATUSES)),
				knownItem(ctx, api),
				failingItem(ctx, api, ctx.random.pick(ERROR_STATUSES)),
				redirectItem(ctx, api),
			];
			const shuffled = ctx.random.shuffle(expected);
			expectEntries(
				ctx,
				await sendBatch(
					ctx,
					program,
					shuffled.map((one) => one.sub),
				),
				shuffled,
			);
		});
	},
};

export const nonGet405: Check = {
	id: 'non-get-405',
	title: 'A sub-request with a method other than GET gets its own 405 and never reaches the API',
	timeoutMs: 10_000,
	async run(ctx) {
		await withApi(ctx, async ({ api, program }) => {
			const refused = ['POST', 'DELETE', 'PUT', 'PATCH'].map((method) => {
				const item = knownItem(ctx, api);
				return { sub: { method, path: item.sub.path }, status: 405 };
			});
			// A sub-request without a method is a GET.
			const implicit = knownItem(ctx, api);
			const expected = ctx.random.shuffle([
				...refused,
				knownItem(ctx, api),
				{ ...implicit, sub: { path: implicit.sub.path } },
			]);
			const res = await sendBatch(
				ctx,
				program,
				expected.map((one) => one.sub),
			);
			expectEntries(ctx, res, expected);
			const wrong = api.requests.find((request) => request.method !== 'GET');
			const leaked = refused.find((one) =>
				api.requests.some((request) => request.path === one.sub.path),
			);
			if (wrong || leaked) {
				const what = wrong
					? `${wrong.method} ${wrong.path}`
					: `${leaked?.sub.method} ${leaked?.sub.path}`;
				ctx.fail(
					`Expected only GET sub-requests to reach the API, but it received ${what}`,
					res.request,
				);
			}
		});
	},
};
