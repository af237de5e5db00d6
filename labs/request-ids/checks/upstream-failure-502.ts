// When the upstream cannot be reached, the caller gets 502 with a JSON error, and the id still:
// a failed request is the one someone will come asking about, quoting the id they were given.
import { expectJsonError, type Check, type GraderResponse } from '../../../src/harness/index.ts';
import {
	freshPath,
	label,
	quote,
	returnedId,
	send,
	WELL_FORMED,
	wellFormedId,
	withChain,
} from '../support/chain.ts';

export const upstreamFailure502: Check = {
	id: 'upstream-failure-502',
	title:
		'When the upstream refuses or breaks off, the caller gets 502 with a JSON error and the X-Request-Id all the same',
	timeoutMs: 15_000,
	async run(ctx) {
		await withChain(ctx, async (chain) => {
			const judge = (res: GraderResponse, state: string, sent: string | undefined) => {
				if (res.status !== 502) {
					ctx.fail(`Expected 502 for ${label(res)} ${state}, got ${res.status}`, res.request);
				}
				expectJsonError(res, 502);
				const returned = returnedId(ctx, res, ` ${state}`);
				if (sent !== undefined && returned !== sent) {
					ctx.fail(
						`Expected X-Request-Id ${quote(sent)} on the 502 answer to ${label(res)}, the id it was sent with, got ${quote(returned)}`,
						res.request,
					);
				}
				if (sent === undefined && !WELL_FORMED.test(returned)) {
					ctx.fail(
						`Expected the id your service made for ${label(res)} ${state} to be 8 to 64 letters, digits, '_' or '-', got ${quote(returned)}`,
						res.request,
					);
				}
			};
			await chain.upstream.behave({ kind: 'refuse' });
			const state = 'while the upstream refused connections';
			for (const sent of ctx.random.shuffle([wellFormedId(ctx), undefined])) {
				judge(await send(ctx, chain, { path: freshPath(ctx) }, sent), state, sent);
			}
			await chain.upstream.behave({ kind: 'reset' });
			const id = wellFormedId(ctx);
			const broken = await send(
				ctx,
				chain,
				{ method: 'POST', path: freshPath(ctx), body: '{}' },
				id,
			);
			judge(broken, 'whose upstream connection was broken off before an answer', id);
		});
	},
};
