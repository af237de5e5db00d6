// Concurrent misses for one key: the origin is asked once, and every waiting client is answered.
import type {
	Check,
	CheckContext,
	GraderResponse,
	LearnerProgram,
} from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from '../support/expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from '../support/origin.ts';

/** Clients that ask while the first request is at the origin. */
const FOLLOWERS = 4;
/** A pause that lets the grader finish writing requests it has just started. */
const SETTLE_MS = 50;
/** How long the grader waits for a request to reach the origin before judging what it has. */
const REACH_MS = 1500;
/** Upper bound for the origin's hold on the first answer. */
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

/** Waits until the origin has received GET `path`, the request has been answered without it, or
 * REACH_MS has passed; true when the origin has it. */
async function reachesOrigin(
	ctx: CheckContext,
	origin: Origin,
	path: string,
	sent: { state: { settled: boolean } },
): Promise<boolean> {
	const reachMs = ctx.time.stretch(REACH_MS);
	for (let waited = 0; waited < reachMs && !sent.state.settled; waited += 10) {
		if (origin.count('GET', path) > 0) return true;
		await ctx.sleep(10);
	}
	return origin.count('GET', path) > 0;
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
	// An answer before the origin was asked is judged by the checks that follow.
	if (!(await reachesOrigin(ctx, origin, path, first))) return [await first.response];
	const followers = Array.from({ length: FOLLOWERS }, () => sendQuietly(ctx, proxy, path));
	// The proxy reads requests in the order their bytes arrive. A probe for another key, sent
	// after the followers, reaches the origin only once the proxy has read it, and by then it has
	// read the followers too: they are surely waiting, however busy the machine is.
	await ctx.sleep(ctx.time.stretch(SETTLE_MS));
	const probePath = freshPath(ctx);
	const probe = sendQuietly(ctx, proxy, probePath);
	await reachesOrigin(ctx, origin, probePath, probe);
	await ctx.sleep(ctx.time.stretch(SETTLE_MS));
	release();
	const [, ...responses] = await Promise.all(
		[probe, first, ...followers].map((one) => one.response),
	);
	return responses;
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
		origin.answer = async (request) => {
			if (request.path !== path) return {};
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
