// A shared cache and the Authorization header: an answer meant for one user must never reach
// another (RFC 9111, section 3.5), so an authorised GET always goes to the origin, its answer is
// never stored, and it never shares an origin request with anybody else's GET.
import type {
	Check,
	CheckContext,
	GraderRequest,
	GraderResponse,
	LearnerProgram,
} from '../../../src/harness/index.ts';
import { expectCache, expectOriginCount, expectVersion } from '../support/expect.ts';
import { freshPath, send, startOrigin, startProxy, type Origin } from '../support/origin.ts';

/** How long the grader waits for a request to reach the origin before judging what it has. */
const REACH_MS = 1500;
/** The longest the origin holds an answer, whatever the check does. */
const HOLD_LIMIT_MS = 3000;

/** A bearer token that belongs to one made-up user of this run. */
function token(ctx: CheckContext): string {
	return `Bearer ${ctx.random.id('user')}.${ctx.random.word(12)}`;
}

function authorised(path: string, value: string): GraderRequest {
	return { path, headers: { Authorization: value } };
}

/** Fails unless the origin received the client's Authorization header unchanged. */
function expectTokenForwarded(
	ctx: CheckContext,
	origin: Origin,
	res: GraderResponse,
	value: string,
): void {
	const path = res.request.url.replace(/^https?:\/\/[^/]+/, '');
	const seen = origin.server.requests.filter(
		(request) => request.method === 'GET' && request.path === path,
	);
	if (!seen.some((request) => request.headers['authorization'] === value)) {
		ctx.fail(
			`Expected the origin to receive GET ${path} with Authorization: ${value}, got ${seen.map((request) => JSON.stringify(request.headers['authorization'] ?? null)).join(', ') || 'no such request'}`,
			res.request,
		);
	}
}

/** Waits until the origin has received `count` GETs for `path`, the request has been answered
 * without that, or REACH_MS has passed. */
async function originReaches(
	ctx: CheckContext,
	origin: Origin,
	path: string,
	count: number,
	answered: () => boolean,
): Promise<void> {
	const reachMs = ctx.time.stretch(REACH_MS);
	for (let waited = 0; waited < reachMs && !answered(); waited += 10) {
		if (origin.count('GET', path) >= count) return;
		await ctx.sleep(10);
	}
}

interface Held {
	first: GraderResponse;
	second: GraderResponse;
	/** The origin's version number for each request, when the origin received it. */
	firstVersion: number | undefined;
	secondVersion: number | undefined;
}

/** Sends `first`, holds the origin's answer to it, sends `second` while it is held, then lets the
 * first answer go. The two requests differ in their Authorization header, which is how the origin
 * tells them apart, whatever order they reach it in on a busy machine. */
async function whileHeld(
	ctx: CheckContext,
	origin: Origin,
	proxy: LearnerProgram,
	first: GraderRequest,
	second: GraderRequest,
): Promise<Held> {
	let release: () => void = () => {};
	const released = new Promise<void>((resolve) => {
		release = resolve;
	});
	const holdMs = ctx.time.stretch(HOLD_LIMIT_MS);
	const versions: { first?: number; second?: number } = {};
	const isFirst = (value: unknown) => value === first.headers?.['Authorization'];
	origin.answer = async (request, version) => {
		if (request.path !== first.path) return {};
		const which = isFirst(request.headers['authorization']) ? 'first' : 'second';
		if (versions[which] !== undefined) return {};
		versions[which] = version;
		if (which === 'second') return {};
		let timer: ReturnType<typeof setTimeout> | undefined;
		const limit = new Promise<void>((resolve) => {
			timer = setTimeout(resolve, holdMs);
		});
		await Promise.race([released, limit]);
		clearTimeout(timer);
		return {};
	};
	const timeoutMs = holdMs + 2000;
	try {
		let firstDone = false;
		const one = send(ctx, proxy, { ...first, timeoutMs });
		one.then(
			() => (firstDone = true),
			() => (firstDone = true),
		);
		await originReaches(ctx, origin, first.path, 1, () => firstDone);
		let secondDone = false;
		const two = send(ctx, proxy, { ...second, timeoutMs });
		two.then(
			() => (secondDone = true),
			() => (secondDone = true),
		);
		// A proxy that lets the second request wait for the first never sends it: after REACH_MS the
		// first answer goes anyway, and the body the second client gets tells what happened.
		await originReaches(ctx, origin, first.path, 2, () => secondDone);
		release();
		const [firstRes, secondRes] = await Promise.all([one, two]);
		return {
			first: firstRes,
			second: secondRes,
			firstVersion: versions.first,
			secondVersion: versions.second,
		};
	} finally {
		release();
		origin.answer = () => ({});
	}
}

export const bypassesAuthorized: Check = {
	id: 'bypasses-authorized',
	title:
		'A GET with Authorization always goes to the origin, is marked MISS, and its answer is never stored or shared',
	timeoutMs: 15_000,
	async run(ctx) {
		const origin = await startOrigin(ctx);
		const proxy = await startProxy(ctx, origin);

		// A stored entry must not answer an authorised GET.
		const stored = freshPath(ctx);
		const anonymous = await send(ctx, proxy, { path: stored });
		expectCache(ctx, anonymous, 'MISS', 'nothing was stored for it yet');
		const alice = token(ctx);
		const mine = await send(ctx, proxy, authorised(stored, alice));
		const why = 'it carries Authorization, so only the origin may answer it';
		expectCache(ctx, mine, 'MISS', why);
		expectOriginCount(ctx, origin, mine, 2, why);
		expectVersion(ctx, origin, mine, 2, `the origin's answer to the authorised GET`);
		expectTokenForwarded(ctx, origin, mine, alice);

		// An authorised answer must not be stored for the next client, with or without a token.
		const personal = freshPath(ctx);
		const first = await send(ctx, proxy, authorised(personal, token(ctx)));
		expectCache(ctx, first, 'MISS', why);
		expectVersion(ctx, origin, first, 1, 'the first request');
		const stranger = await send(ctx, proxy, { path: personal });
		const notStored =
			'the only earlier GET carried Authorization, and an answer to it must never be stored';
		expectCache(ctx, stranger, 'MISS', notStored);
		expectOriginCount(ctx, origin, stranger, 2, notStored);
		expectVersion(ctx, origin, stranger, 2, notStored);
		const bob = token(ctx);
		const other = await send(ctx, proxy, authorised(personal, bob));
		expectCache(ctx, other, 'MISS', why);
		expectOriginCount(ctx, origin, other, 3, why);
		expectVersion(ctx, origin, other, 3, `the origin's answer to the third GET`);
		expectTokenForwarded(ctx, origin, other, bob);

		// Nobody may wait for an authorised GET's answer and get it, and an authorised GET may not
		// wait for an anonymous one: each needs its own origin request.
		const cases: [string, GraderRequest, GraderRequest, string][] = [];
		const leak = freshPath(ctx);
		cases.push([
			leak,
			authorised(leak, token(ctx)),
			{ path: leak },
			'it came while an authorised GET for the same path was at the origin, whose answer belongs to that user alone',
		]);
		const join = freshPath(ctx);
		cases.push([
			join,
			{ path: join },
			authorised(join, token(ctx)),
			'it carries Authorization, so it needs its own origin request even while another GET for the path is on its way',
		]);
		for (const [, held, during, reason] of ctx.random.shuffle(cases)) {
			const result = await whileHeld(ctx, origin, proxy, held, during);
			expectCache(ctx, result.second, 'MISS', reason);
			expectOriginCount(ctx, origin, result.second, 2, reason);
			const heldWhy = 'the first request, held at the origin for a while';
			expectVersion(ctx, origin, result.first, result.firstVersion ?? 1, heldWhy);
			expectVersion(ctx, origin, result.second, result.secondVersion ?? 2, reason);
		}
	},
};
