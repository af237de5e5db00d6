// Concurrent misses for one key: the origin is asked once, and every waiting client is answered.
import type {
	Check,
	CheckContext,
	GraderResponse,
	LearnerProgram,
} from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from './expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from './origin.ts';

/** Clients that ask while the first request is at the origin. */
const FOLLOWERS = 4;
/** How long the origin holds its answer after the followers were sent, so that they reach the
 * proxy first even on a busy machine. */
const HOLD_MS = 300;
/** Upper bound for anything the check waits on. */
const LIMIT_MS = 3000;

/** A request whose failure is reported when it is awaited, not as an unhandled rejection while
 * the check is still waiting for something else. */
function sendQuietly(ctx: CheckContext, proxy: LearnerProgram, path: string) {
	const response = send(ctx, proxy, { path, timeoutMs: LIMIT_MS + 2000 });
	const state = { settled: false };
	response.then(
		() => (state.settled = true),
		() => (state.settled = true),
	);
	return { response, state };
}

/** Sends one GET, waits until the origin has it, then sends the followers while it is held. */
async function askTogether(
	ctx: CheckContext,
	origin: Origin,
	proxy: LearnerProgram,
	path: string,
	release: () => void,
): Promise<GraderResponse[]> {
	const first = sendQuietly(ctx, proxy, path);
	for (let waited = 0; origin.count('GET', path) === 0; waited += 10) {
		// An answer before the origin was asked is judged by the checks below.
		if (first.state.settled) return [await first.response];
		if (waited >= LIMIT_MS) {
			ctx.fail(`Expected the origin to receive GET ${path} within ${LIMIT_MS} ms, but it did not`);
		}
		await ctx.sleep(10);
	}
	const followers = Array.from({ length: FOLLOWERS }, () => sendQuietly(ctx, proxy, path));
	await ctx.sleep(HOLD_MS);
	release();
	return Promise.all([first, ...followers].map((one) => one.response));
}

export const coalescesMisses: Check = {
	id: 'coalesces-misses',
	title:
		'Concurrent GETs for a key not stored cause one origin request, and every client gets the answer',
	timeoutMs: 10_000,
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const path = freshPath(ctx);
		let release: () => void = () => {};
		const released = new Promise<void>((resolve) => {
			release = resolve;
		});
		// The origin answers only when the check says so, or after LIMIT_MS whatever happens.
		origin.answer = async () => {
			let timer: ReturnType<typeof setTimeout> | undefined;
			const limit = new Promise<void>((resolve) => {
				timer = setTimeout(resolve, LIMIT_MS);
			});
			await Promise.race([released, limit]);
			clearTimeout(timer);
			return {};
		};
		const proxy = await startProxy(ctx, origin);

		let responses: GraderResponse[];
		try {
			responses = await askTogether(ctx, origin, proxy, path, release);
		} finally {
			// A failed check must not leave the origin holding answers until the limit.
			release();
		}
		const why = `${FOLLOWERS + 1} clients asked at the same time for a key that was not stored`;
		for (const res of responses) {
			expectOriginCount(ctx, origin, res, 1, why);
			expectVersion(ctx, origin, res, 1, 'the one answer of the origin');
			expectCache(ctx, res, 'MISS', `${why}, so none was served from the cache`);
		}
	},
};
