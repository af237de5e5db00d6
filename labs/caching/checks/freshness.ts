// An entry lives for CACHE_TTL_MS (1000 ms when unset): served while fresh, fetched again after.
import {
	CheckFailure,
	TimingFailure,
	type Check,
	type CheckContext,
	type LearnerProgram,
} from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from '../support/expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from '../support/origin.ts';

/** Time after the TTL by which an entry must be gone: the proxy may store it a little after the
 * client has its answer, and a busy machine delays timers. */
const EXPIRY_SLACK_MS = 250;
/** A loaded machine can make a request slow enough that the grader cannot tell whether the entry
 * was still fresh; then it tries again with a new path, a bounded number of times. */
const ATTEMPTS = 3;

/** Follows one entry through its life: stored by a MISS, served as a HIT, fetched again once stale. */
async function followEntry(
	ctx: CheckContext,
	origin: Origin,
	proxy: LearnerProgram,
	ttlMs: number,
	setting: string,
	paths: string[],
) {
	let path = '';
	let storedBy = 0;
	for (const next of paths) {
		path = next;
		const sentAt = Date.now();
		const miss = await send(ctx, proxy, { path });
		expectCache(ctx, miss, 'MISS', 'nothing was stored for it yet');
		storedBy = Date.now();
		const hit = await send(ctx, proxy, { path });
		// The entry was stored no earlier than sentAt, so it is surely fresh until sentAt + TTL.
		if (Date.now() + 20 >= sentAt + ttlMs) continue;
		expectCache(
			ctx,
			hit,
			'HIT',
			`asked again ${Date.now() - sentAt} ms after the first GET, with ${setting}`,
		);
		expectVersion(ctx, origin, hit, 1, 'stored from the first request');
		break;
	}
	const slackMs = ctx.time.stretch(EXPIRY_SLACK_MS);
	await ctx.sleep(Math.max(0, storedBy + ttlMs + slackMs - Date.now()));
	const stale = await send(ctx, proxy, { path });
	const why = `asked again ${Date.now() - storedBy} ms after the entry was stored, with ${setting}`;
	try {
		expectCache(ctx, stale, 'MISS', why);
		expectOriginCount(ctx, origin, stale, 2, why);
		expectVersion(ctx, origin, stale, 2, why);
	} catch (error) {
		// An entry still served past its TTL is judged by a clock: confirmed before it is reported.
		if (error instanceof CheckFailure)
			throw new TimingFailure(error.message, 'bound', error.request);
		throw error;
	}
}

export const expiresAfterTtl: Check = {
	id: 'expires-after-ttl',
	slow: true,
	title:
		'An entry is served for CACHE_TTL_MS (1000 ms when unset), then fetched from the origin again',
	timeoutMs: 10_000,
	async run(ctx) {
		// The TTL grows with the machine's time scale, so a slow request cannot outlast it; the
		// default's cannot, and relies on the retries above.
		const ttlMs = ctx.time.stretch(ctx.random.int(300, 400));
		const [originA, originB] = [await startOrigin(ctx), await startOrigin(ctx)];
		const [configured, unset] = [
			await startProxy(ctx, originA, ttlMs),
			await startProxy(ctx, originB, null),
		];
		// Paths are drawn before either entry starts, in a fixed order, so a seed gives the same
		// paths however the two entries' requests interleave on a busy machine.
		const draw = () => Array.from({ length: ATTEMPTS }, () => freshPath(ctx));
		const [configuredPaths, unsetPaths] = [draw(), draw()];
		// Both proxies run side by side, so the default's longer wait costs no extra time. When both
		// fail, the default's failure is reported, whichever finished first: its message names no
		// stretched value, so a seed gives the same message on every machine.
		const [configuredEnd, unsetEnd] = await Promise.allSettled([
			followEntry(ctx, originA, configured, ttlMs, `CACHE_TTL_MS=${ttlMs}`, configuredPaths),
			followEntry(ctx, originB, unset, 1000, 'CACHE_TTL_MS unset (default 1000)', unsetPaths),
		]);
		for (const end of [unsetEnd, configuredEnd]) if (end.status === 'rejected') throw end.reason;
	},
};
