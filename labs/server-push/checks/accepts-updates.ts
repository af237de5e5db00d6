// An update is a POST of a JSON status; the answer says how many open streams it was written to.
import { expectJson, type Check } from '../../../src/harness/index.ts';
import { expectListeners, newOrder, newStatus, statusPath, withPush } from './shared.ts';

export const acceptsUpdates: Check = {
	id: 'accepts-updates',
	title:
		'POST /orders/{id}/status with a JSON status answers 201 or 202 with JSON whose "listeners" is 0 while no stream is open',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			// Two orders, two updates each: any order id is accepted, and no update needs a stream.
			for (const orderId of [newOrder(ctx), newOrder(ctx)]) {
				for (let n = 0; n < 2; n++) {
					const posted = await push.post(orderId, newStatus(ctx));
					const body = expectJson(posted.res);
					if (typeof body !== 'object' || body === null || Array.isArray(body)) {
						ctx.fail(
							`Expected a JSON object in the answer to POST ${statusPath(orderId)}, got ${posted.res.text()}`,
							posted.res.request,
						);
					}
					expectListeners(ctx, posted, 0, 'no stream of that order is open');
				}
			}
		});
	},
};
