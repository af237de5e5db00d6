// Sending requests to the learner's server and judging them: bursts that fill every slot while the
// upstream holds them, extra requests that must be shed, and the rounds that tell a slot that was
// given back from one that leaked.
import {
	expectHeader,
	expectJsonError,
	type CheckContext,
	type GraderResponse,
	type GraderRequest,
} from '../../../src/harness/index.ts';
import { answer, type Launched, type Plan } from './upstream.ts';

/** How long the grader waits for requests to reach the upstream before judging what it has. */
export const REACH_MS = 2000;
/** How long shed answers get while the requests in flight are held. */
export const SHED_WAIT_MS = 1500;
/** The pause between a finished round and the next, for the server to hear that answers ended. */
export const SETTLE_MS = 100;
/** A request timeout (stretched by the harness) long enough for any hold a check makes. */
export const LONG_REQUEST_MS = 8000;

const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'text/plain; charset=utf-8',
	'text/csv',
	'application/octet-stream',
];

/** Characters of two, three and four bytes in UTF-8, so that bodies are not all ASCII. */
const WIDE = ['é', 'ß', '€', '日本', '☕', '🍕'];

/** A request on its way, whose outcome is read when the check is ready for it. */
export interface Sent {
	method: string;
	path: string;
	response: Promise<GraderResponse>;
	/** Set when the response (or a failure) arrived. */
	settledAt: number | undefined;
}

/** A fresh path the upstream has never seen. */
export function freshPath(ctx: CheckContext): string {
	const { pick, id, word } = ctx.random;
	return `/${pick(['work', 'reports', 'search', 'orders'])}/${id(word(2))}`;
}

/** A random body: JSON or text, with characters that are not ASCII. */
export function randomBody(ctx: CheckContext, path: string): { type: string; text: string } {
	const type = ctx.random.pick(CONTENT_TYPES);
	const note = `${ctx.random.word(5)}${ctx.random.pick(WIDE)} ${ctx.random.word(4)}`;
	const text = type.startsWith('application/json')
		? JSON.stringify({ path, note, n: ctx.random.int(1, 99_999) })
		: `${path} ${note} ${ctx.random.int(1, 99_999)}\n`;
	return { type, text };
}

/** An answer for `path` with a random body, held until `release()` unless `delayMs` is given. */
export function planFor(
	ctx: CheckContext,
	launched: Launched,
	path: string,
	how: { status?: number; delayMs?: number } = {},
): Plan {
	const { type, text } = randomBody(ctx, path);
	const plan = answer(how.status ?? 200, type, text);
	if (plan.kind === 'answer') {
		if (how.delayMs === undefined) plan.held = true;
		else plan.delayMs = how.delayMs;
	}
	launched.upstream.plans.set(path, plan);
	return plan;
}

/** Sends one request now and lets the check read its outcome later. A failure is reported when the
 * response is awaited, not as an unhandled rejection while the check waits for something else. */
export function send(ctx: CheckContext, launched: Launched, request: GraderRequest): Sent {
	const response = ctx.request(launched.program, { timeoutMs: LONG_REQUEST_MS, ...request });
	const sent: Sent = {
		method: (request.method ?? 'GET').toUpperCase(),
		path: request.path,
		response,
		settledAt: undefined,
	};
	response.then(
		() => (sent.settledAt = Date.now()),
		() => (sent.settledAt = Date.now()),
	);
	return sent;
}

/** Polls `done` every 10 ms until it holds or `limitMs` (already stretched) has passed. */
export async function waitUntil(
	ctx: CheckContext,
	done: () => boolean,
	limitMs: number,
): Promise<boolean> {
	const until = Date.now() + limitMs;
	while (!done()) {
		if (Date.now() >= until) return false;
		await ctx.sleep(10);
	}
	return true;
}

export function reached(launched: Launched, path: string): boolean {
	return launched.upstream.arrivals.some((arrival) => arrival.path === path);
}

/** " (after …)" when the check says what came before, so a message names the situation. */
export function context(why: string | undefined): string {
	return why ? ` (${why})` : '';
}

/** "12 bytes" when the length is wrong, "46 bytes that differ" when only the content is. */
export function describeBytes(got: Uint8Array, wanted: Uint8Array): string {
	return got.length === wanted.length ? `${got.length} bytes that differ` : `${got.length} bytes`;
}

/** Fails unless the client got exactly the upstream's planned answer. */
export function expectUpstreamAnswer(
	ctx: CheckContext,
	res: GraderResponse,
	plan: Plan,
	why?: string,
): void {
	if (plan.kind !== 'answer') throw new Error('expectUpstreamAnswer needs an answer plan');
	const label = `${res.request.method} ${new URL(res.request.url).pathname}${new URL(res.request.url).search}`;
	if (res.status !== plan.status) {
		const shed = res.status === 503 ? ': it was shed although it was within the limit' : '';
		ctx.fail(
			`Expected status ${plan.status} from the upstream for ${label}, got ${res.status}${shed}${context(why)}`,
			res.request,
		);
	}
	const type = res.headers['content-type'];
	if (type !== plan.contentType) {
		ctx.fail(
			`Expected Content-Type ${JSON.stringify(plan.contentType)} from the upstream for ${label}, got ${type === undefined ? 'none' : JSON.stringify(type)}${context(why)}`,
			res.request,
		);
	}
	if (Buffer.compare(Buffer.from(res.body), Buffer.from(plan.body)) !== 0) {
		ctx.fail(
			`Expected the upstream's ${plan.body.length}-byte body for ${label}, got ${describeBytes(res.body, plan.body)}${context(why)}`,
			res.request,
		);
	}
}

/** Fails unless the response is a shed answer: 503, a Retry-After of whole seconds of at least 1,
 * and a JSON error. `state` says how busy the server was. */
export function expectShedAnswer(ctx: CheckContext, res: GraderResponse, state: string): void {
	const label = `${res.request.method} ${new URL(res.request.url).pathname}`;
	if (res.status !== 503) {
		ctx.fail(`Expected 503 for ${label}, sent ${state}, got ${res.status}`, res.request);
	}
	expectHeader(
		res,
		'Retry-After',
		(value) => /^\d+$/.test(value.trim()) && Number(value) >= 1,
		'a whole number of seconds, at least 1',
	);
	expectJsonError(res, 503);
}

export interface Filled {
	held: { sent: Sent; plan: Plan }[];
}

/** Sends MAX_IN_FLIGHT requests at once, each answered as `plan` says (held until release by
 * default), and waits until all of them are at the upstream. Fails when one is answered without
 * reaching it, or when they do not all get there. */
export async function fill(
	ctx: CheckContext,
	launched: Launched,
	why?: string,
	plan: (path: string) => Plan = (path) => planFor(ctx, launched, path),
): Promise<Filled> {
	const { limit } = launched;
	const held = Array.from({ length: limit }, () => {
		const path = freshPath(ctx);
		const made = plan(path);
		return { sent: send(ctx, launched, { path }), plan: made };
	});
	const all = () => held.every(({ sent }) => reached(launched, sent.path));
	const early = () =>
		held.filter(({ sent }) => sent.settledAt !== undefined && !reached(launched, sent.path));
	const decided = () =>
		held.every(({ sent }) => sent.settledAt !== undefined || reached(launched, sent.path));
	await waitUntil(ctx, decided, ctx.time.stretch(REACH_MS));
	const answered = early();
	if (answered.length > 0) {
		// Which of the requests were turned away depends on the order they reached the server, so the
		// message counts them rather than naming one.
		const responses = await Promise.all(answered.map(({ sent }) => sent.response));
		const statuses = [...new Set(responses.map((res) => res.status))].join(' or ');
		ctx.fail(
			`Expected all ${limit} requests sent together to reach the upstream (MAX_IN_FLIGHT=${limit}), but ${answered.length} of them got ${statuses} without reaching it${context(why)}`,
			responses[0]!.request,
		);
	}
	if (!all()) {
		const count = held.filter(({ sent }) => reached(launched, sent.path)).length;
		ctx.failTiming(
			`Expected all ${limit} requests sent together to reach the upstream (MAX_IN_FLIGHT=${limit}), but only ${count} had reached it after ${ctx.time.stretch(REACH_MS)} ms while the upstream held them; the others waited in your server${context(why)}`,
		);
	}
	return { held };
}

/** Lets the held requests go and checks that each gets its upstream answer. */
export async function finish(
	ctx: CheckContext,
	launched: Launched,
	filled: Filled,
	why?: string,
): Promise<void> {
	launched.upstream.release();
	for (const { sent, plan } of filled.held) {
		expectUpstreamAnswer(ctx, await sent.response, plan, why);
	}
}

/** Sends `count` requests while every slot is held and checks that each is shed without reaching
 * the upstream. Returns the shed answers. */
export async function sendExtras(
	ctx: CheckContext,
	launched: Launched,
	count: number,
	why?: string,
): Promise<GraderResponse[]> {
	const { limit } = launched;
	const extras = Array.from({ length: count }, () => {
		const path = freshPath(ctx);
		planFor(ctx, launched, path, { delayMs: 0 });
		return send(ctx, launched, { path });
	});
	const state = `while ${limit} requests were in flight (MAX_IN_FLIGHT=${limit})${why ? `, ${why}` : ''}`;
	await waitUntil(
		ctx,
		() => extras.every((sent) => sent.settledAt !== undefined),
		ctx.time.stretch(SHED_WAIT_MS),
	);
	const waiting = extras.find((sent) => sent.settledAt === undefined);
	if (waiting) {
		// Let the held requests go, to see what the server does with the one it kept waiting.
		launched.upstream.release();
		const res = await waiting.response;
		ctx.fail(
			`Expected 503 at once for GET ${waiting.path}, sent ${state}, but it got no answer until the requests in flight were answered, and then ${res.status}: a request past the limit must be refused, not kept waiting for a free slot`,
			res.request,
		);
	}
	const answers: GraderResponse[] = [];
	const through = extras.filter((sent) => reached(launched, sent.path));
	if (through.length > 0) {
		// Which extra got through depends on arrival order, so the message counts them.
		const res = await through[0]!.response;
		ctx.fail(
			`Expected ${extras.length} requests, sent ${state}, to be shed without reaching the upstream, but ${through.length} of them reached it (and your server answered ${res.status})`,
			res.request,
		);
	}
	for (const sent of extras) {
		const res = await sent.response;
		if (res.status !== 503) {
			ctx.fail(`Expected 503 for GET ${sent.path}, sent ${state}, got ${res.status}`, res.request);
		}
		answers.push(res);
	}
	return answers;
}

/** A whole round: fill every slot, send 2 to 4 more that must be shed, then let the held ones go.
 * It passes only when exactly MAX_IN_FLIGHT requests get through: a slot that leaked lets fewer
 * through, and one given back twice lets more. */
export async function fullRound(
	ctx: CheckContext,
	launched: Launched,
	why?: string,
): Promise<void> {
	launched.upstream.resetMax();
	const filled = await fill(ctx, launched, why);
	try {
		await sendExtras(ctx, launched, ctx.random.int(2, 4), why);
	} finally {
		launched.upstream.release();
	}
	await finish(ctx, launched, filled, why);
	const most = launched.upstream.maxInFlight;
	if (most > launched.limit) {
		ctx.fail(
			`Expected at most ${launched.limit} requests at the upstream at once (MAX_IN_FLIGHT=${launched.limit}), but it held ${most}${context(why)}`,
		);
	}
	await ctx.sleep(ctx.time.stretch(SETTLE_MS));
}
