// The chain a check builds: the grader's upstream, a fake service that answers each path as the
// check planned and records the X-Request-Id it was sent, and the learner's service in front of it.
// Also what every check asks of one request: which id reached the upstream, which came back, and
// which line of the program's output logged it.
import type {
	CheckContext,
	FakeServer,
	GraderRequest,
	GraderResponse,
	LearnerProgram,
} from '../../../src/harness/index.ts';

/** A well-formed request id, as the lesson writes it: 8 to 64 letters, digits, '_' or '-'. */
export const WELL_FORMED = /^[\w-]{8,64}$/;

const ID_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-';

/** How long a log line may take to appear after its answer arrived (stretched). */
export const LOG_WAIT_MS = 1000;
/** How long the grader keeps watching for a second line about a request it has found one for. */
const SECOND_LINE_MS = 60;

/** How the upstream answers one path. */
export interface Plan {
	status: number;
	contentType: string;
	body: string;
	delayMs: number;
}

export interface Chain {
	upstream: FakeServer;
	program: LearnerProgram;
	plans: Map<string, Plan>;
}

/** A random well-formed id of `length` characters (random from 8 to 64 when not given). */
export function wellFormedId(ctx: CheckContext, length?: number): string {
	const size = length ?? ctx.random.int(8, 64);
	return Array.from({ length: size }, () => ctx.random.pick([...ID_CHARS])).join('');
}

/** A path the upstream has not seen in this check. */
export function freshPath(ctx: CheckContext): string {
	const { pick, id, word } = ctx.random;
	return `/${pick(['orders', 'charges', 'menus', 'couriers'])}/${id(word(2))}`;
}

/** Plans a random answer for `path` and returns it. */
export function plan(
	ctx: CheckContext,
	chain: Chain,
	path: string,
	how: { status?: number; delayMs?: number } = {},
): Plan {
	const json = ctx.random.int(0, 1) === 1;
	const note = `${ctx.random.word(5)} ${ctx.random.int(1, 99_999)}`;
	const made: Plan = {
		status: how.status ?? 200,
		contentType: json ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8',
		body: json ? JSON.stringify({ path, note }) : `${path} ${note}\n`,
		delayMs: how.delayMs ?? 0,
	};
	chain.plans.set(path, made);
	return made;
}

/** Starts the upstream and the learner's service in front of it, and runs `run`. The harness stops
 * both afterwards. */
export async function withChain(
	ctx: CheckContext,
	run: (chain: Chain) => Promise<void>,
): Promise<void> {
	const plans = new Map<string, Plan>();
	const upstream = await ctx.fakeServer({
		name: 'upstream',
		respond: async (request) => {
			const planned = plans.get(request.path);
			if (!planned) {
				return {
					status: 200,
					headers: { 'Content-Type': 'application/json' },
					body: JSON.stringify({ path: request.path }),
				};
			}
			if (planned.delayMs > 0) {
				await new Promise((resolve) => setTimeout(resolve, planned.delayMs));
			}
			return {
				status: planned.status,
				headers: { 'Content-Type': planned.contentType },
				body: planned.body,
			};
		},
	});
	const program = await ctx.start({ env: { UPSTREAM_URL: upstream.url } });
	await run({ upstream, program, plans });
}

/** "GET /orders/o-x1", as a message names a request. */
export function label(res: GraderResponse): string {
	const url = new URL(res.request.url);
	return `${res.request.method} ${url.pathname}${url.search}`;
}

/** Sends one request with the given id (none when `id` is undefined). */
export function send(
	ctx: CheckContext,
	chain: Chain,
	request: GraderRequest,
	id?: string,
): Promise<GraderResponse> {
	const headers = { ...request.headers };
	if (id !== undefined) headers[ctx.random.pick(['X-Request-Id', 'x-request-id'])] = id;
	return ctx.request(chain.program, { timeoutMs: 4000, ...request, headers });
}

/** A value as a message quotes it, shortened when long. */
export function quote(value: string): string {
	const shown = value.length > 72 ? `${value.slice(0, 72)}…` : value;
	return JSON.stringify(shown) + (value.length > 72 ? ` (${value.length} characters)` : '');
}

/** The X-Request-Id the client got back; fails when there is none, or more than one. */
export function returnedId(ctx: CheckContext, res: GraderResponse, why = ''): string {
	const value = res.headers['x-request-id'];
	if (value === undefined) {
		ctx.fail(
			`Expected an X-Request-Id header on the ${res.status} answer to ${label(res)}${why}, but it is missing`,
			res.request,
		);
	}
	if (Array.isArray(value) || value.includes(', ')) {
		ctx.fail(
			`Expected one X-Request-Id on the answer to ${label(res)}${why}, got ${JSON.stringify(value)}`,
			res.request,
		);
	}
	return value;
}

/** The X-Request-Id the upstream received for `path`; fails unless exactly one request with a
 * well-formed id reached it. */
export function upstreamId(
	ctx: CheckContext,
	chain: Chain,
	res: GraderResponse,
	path: string,
): string {
	const arrivals = chain.upstream.requests.filter((one) => one.path === path);
	if (arrivals.length !== 1) {
		ctx.fail(
			`Expected the upstream to receive ${res.request.method} ${path} once, but it received it ${arrivals.length} times; your service answered ${res.status}`,
			res.request,
		);
	}
	const value = arrivals[0]!.headers['x-request-id'];
	if (value === undefined) {
		ctx.fail(
			`Expected the upstream's copy of ${label(res)} to carry an X-Request-Id header, but it had none`,
			res.request,
		);
	}
	if (Array.isArray(value) || value.includes(', ')) {
		ctx.fail(
			`Expected the upstream's copy of ${label(res)} to carry one X-Request-Id, got ${JSON.stringify(value)}`,
			res.request,
		);
	}
	return value;
}

/** Fails unless the answer and the upstream both carry `id`, the id the request was sent with. */
export function expectKept(
	ctx: CheckContext,
	chain: Chain,
	res: GraderResponse,
	path: string,
	id: string,
): void {
	const upstream = upstreamId(ctx, chain, res, path);
	if (upstream !== id) {
		ctx.fail(
			`Expected the upstream to receive X-Request-Id ${quote(id)}, the well-formed id ${label(res)} was sent with, got ${quote(upstream)}`,
			res.request,
		);
	}
	const returned = returnedId(ctx, res);
	if (returned !== id) {
		ctx.fail(
			`Expected X-Request-Id ${quote(id)} on the answer to ${label(res)}, the id it was sent with, got ${quote(returned)}`,
			res.request,
		);
	}
}

/** Fails unless the service made a well-formed id other than `sent`, passed it upstream and
 * returned that same one; returns it. `why` says what the request carried. */
export function expectMade(
	ctx: CheckContext,
	chain: Chain,
	res: GraderResponse,
	path: string,
	why: string,
	sent?: string,
): string {
	const returned = returnedId(ctx, res, ` (${why})`);
	if (sent !== undefined && returned === sent) {
		ctx.fail(
			`Expected a new X-Request-Id on the answer to ${label(res)}, which was sent ${why}, but your service kept that one`,
			res.request,
		);
	}
	if (!WELL_FORMED.test(returned)) {
		ctx.fail(
			`Expected the id your service made for ${label(res)} (${why}) to be 8 to 64 letters, digits, '_' or '-', got ${quote(returned)}`,
			res.request,
		);
	}
	const upstream = upstreamId(ctx, chain, res, path);
	if (upstream !== returned) {
		ctx.fail(
			`Expected the upstream to receive the id your service returned for ${label(res)} (${why}), ${quote(returned)}, but it received ${quote(upstream)}`,
			res.request,
		);
	}
	return returned;
}

/** One log line, parsed. */
export type LogLine = Record<string, unknown>;

/** Waits for the program's one log line about `id` and returns it parsed. Fails when no line names
 * the id in time, when the line that does is not a JSON object, or when more than one does. */
export async function logLineOf(
	ctx: CheckContext,
	chain: Chain,
	res: GraderResponse,
	id: string,
): Promise<LogLine> {
	const naming = () => chain.program.output().filter((line) => line.includes(id));
	const until = Date.now() + ctx.time.stretch(LOG_WAIT_MS);
	while (naming().length === 0 && Date.now() < until) await ctx.sleep(10);
	if (naming().length === 0) {
		const last = chain.program.output().at(-1);
		const printed = last === undefined ? 'nothing at all' : `last: ${last}`;
		ctx.fail(
			`Expected a log line with "requestId":${JSON.stringify(id)} after the ${res.status} answer to ${label(res)}, but your program printed none within ${LOG_WAIT_MS} ms (${printed})`,
			res.request,
		);
	}
	await ctx.sleep(ctx.time.stretch(SECOND_LINE_MS));
	const lines = naming();
	if (lines.length > 1) {
		ctx.fail(
			`Expected one log line for ${label(res)} (id ${quote(id)}), but your program printed ${lines.length}: ${lines.join(' | ')}`,
			res.request,
		);
	}
	const line = lines[0]!;
	let parsed: unknown;
	try {
		parsed = JSON.parse(line);
	} catch {
		ctx.fail(
			`Expected the log line of ${label(res)} to be one JSON object, but your program printed: ${line}`,
			res.request,
		);
	}
	if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
		ctx.fail(
			`Expected the log line of ${label(res)} to be one JSON object, but your program printed: ${line}`,
			res.request,
		);
	}
	const entry = parsed as LogLine;
	if (entry['requestId'] !== id) {
		ctx.fail(
			`Expected "requestId":${JSON.stringify(id)} in the log line of ${label(res)}, got ${JSON.stringify(entry['requestId'] ?? null)} in: ${line}`,
			res.request,
		);
	}
	return entry;
}
