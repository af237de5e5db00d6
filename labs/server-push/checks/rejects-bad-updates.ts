// An update that is not a JSON object with a non-empty status string is refused with 400, reaches
// no stream, and leaves the server serving.
import {
	CheckFailure,
	expectJsonError,
	type Check,
	type GraderResponse,
} from '../../../src/harness/index.ts';
import {
	awaitEvents,
	expectStatusEvent,
	newOrder,
	newStatus,
	SETTLE_MS,
	statusPath,
	withPush,
} from './shared.ts';

/** A bad body and the words that name it in a message. */
type Case = [body: string, what: string];

export const rejectsBadUpdates: Check = {
	id: 'rejects-bad-updates',
	title:
		'An update whose body is not JSON, or lacks a non-empty status string, answers 400 with a JSON error and reaches no stream',
	async run(ctx) {
		await withPush(ctx, null, async (push) => {
			const orderId = newOrder(ctx);
			const path = statusPath(orderId);
			const word = ctx.random.pick(['cooking', 'ready', 'accepted']);
			const cases: Case[] = ctx.random.shuffle<Case>([
				[`{"status": "${word}"`, 'a truncated JSON body'],
				['', 'an empty body'],
				[`status=${word}`, 'a form-encoded body'],
				['null', 'the JSON value null'],
				[JSON.stringify([{ status: word }]), 'an array instead of an object'],
				[JSON.stringify(word), 'a JSON string instead of an object'],
				['{}', 'an empty JSON object'],
				[JSON.stringify({ state: word }), 'a "state" field instead of "status"'],
				[JSON.stringify({ status: '' }), 'an empty status'],
				[JSON.stringify({ status: ctx.random.int(1, 9) }), 'a number as status'],
				[JSON.stringify({ status: null }), 'a null status'],
				[JSON.stringify({ status: [word] }), 'an array as status'],
			]);
			let previous: string | undefined;
			for (const [body, what] of cases) {
				let res: GraderResponse;
				try {
					res = await push.postRaw(orderId, body);
				} catch (error) {
					// A crash may only show on the request after the one that caused it.
					if (!(error instanceof CheckFailure)) throw error;
					const after = previous === undefined ? '' : ` (sent after ${previous})`;
					return ctx.fail(
						`Expected 400 for POST ${path} with ${what}${after}, got no answer: ${error.message}`,
						error.request,
					);
				}
				if (res.status !== 400) {
					ctx.fail(`Expected 400 for POST ${path} with ${what}, got ${res.status}`, res.request);
				}
				expectJsonError(res, 400);
				previous = what;
			}
			// With a stream open, a refused update must not reach it: the next event is the good one.
			const stream = await push.open(orderId);
			const see = `Watch it with: ${push.watch(orderId)}`;
			const refused = await push.postRaw(orderId, JSON.stringify({ status: '' }));
			if (refused.status !== 400) {
				ctx.fail(
					`Expected 400 for POST ${path} with an empty status, got ${refused.status}`,
					refused.request,
				);
			}
			await ctx.sleep(ctx.time.stretch(SETTLE_MS));
			const good = newStatus(ctx);
			await push.post(orderId, good);
			await awaitEvents(ctx, stream, 1, `the update ${JSON.stringify(good)}`, see);
			const [first] = stream.events;
			if (first) expectStatusEvent(ctx, first, good, 'the first event after a refused update', see);
		});
	},
};
