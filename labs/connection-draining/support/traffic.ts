// Sending the grader's requests through the balancer: requests a backend holds open until the
// check lets them go, quick ones whose receiver is judged at once, and the order of their turns.
import type {
	CheckContext,
	GraderRequestLine,
	GraderResponse,
} from '../../../src/harness/index.ts';
import { type Backend, type Farm, type Plan, describeBackend, numbers } from './backends.ts';

/** How long a request may take to reach a backend before the grader judges what it has. */
export const REACH_MS = 2000;
/** A request timeout (stretched by the harness) long enough for any hold a check makes. */
export const LONG_REQUEST_MS = 8000;

/** A request a backend holds, and the answer its client will get. */
export interface Held {
	path: string;
	backend: Backend;
	/** The client's outcome: its response, or the failure the harness reported. */
	response: Promise<GraderResponse | Error>;
}

/** A request answered at once, and where it went. */
export interface Hop {
	path: string;
	response: GraderResponse;
	receivers: Backend[];
}

/** A path no other request in the run uses. */
export function freshPath(ctx: CheckContext): string {
	const { pick, id, word } = ctx.random;
	return `/${pick(['menu', 'orders', 'search', 'cart', 'track'])}/${id(word(2))}`;
}

export function lineFor(farm: Farm, path: string, method = 'GET'): GraderRequestLine {
	return { method, url: `${farm.program.url}${path}` };
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

/** Sends a request the backend holds as `plan` says, and waits until it is there. */
export async function sendHeld(
	ctx: CheckContext,
	farm: Farm,
	plan: Exclude<Plan, 'answer'>,
): Promise<Held> {
	const path = freshPath(ctx);
	farm.plans.set(path, plan);
	let settled: GraderResponse | Error | undefined;
	const response = ctx
		.request(farm.program, { path, timeoutMs: LONG_REQUEST_MS })
		.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
	void response.then((outcome) => (settled = outcome));
	const reachMs = ctx.time.stretch(REACH_MS);
	await waitUntil(ctx, () => farm.receivers(path).length > 0 || settled !== undefined, reachMs);
	const [backend] = farm.receivers(path);
	if (!backend) {
		if (settled instanceof Error) throw settled;
		if (settled) {
			ctx.fail(
				`Expected GET ${path} to reach a backend, but none received it; the client got ${settled.status}`,
				settled.request,
			);
		}
		ctx.failTiming(
			`Expected GET ${path} to reach a backend within ${reachMs} ms, but none had received it`,
			lineFor(farm, path),
		);
	}
	return { path, backend, response };
}

/** Sends one held request per turn until every backend holds `each` of them. The backends are
 * all active, so a round-robin gives each one a request per round. */
export async function holdOnEvery(
	ctx: CheckContext,
	farm: Farm,
	each: number,
	plan: Exclude<Plan, 'answer'>,
): Promise<Held[]> {
	const held: Held[] = [];
	for (let index = 0; index < each * farm.backends.length; index++) {
		held.push(await sendHeld(ctx, farm, plan));
	}
	return held;
}

/** Lets a held request go and waits for its client's outcome. */
export async function finishHeld(farm: Farm, held: Held): Promise<GraderResponse> {
	farm.release(held.path);
	const outcome = await held.response;
	if (outcome instanceof Error) throw outcome;
	return outcome;
}

/** Fails unless the client got exactly the answer its backend sent. */
export function expectBackendAnswer(
	ctx: CheckContext,
	held: Held,
	response: GraderResponse,
	why: string,
): void {
	const arrival = held.backend.arrivals.find((one) => one.path === held.path);
	const from = `from ${describeBackend(held.backend)}`;
	if (response.status !== 200) {
		ctx.fail(
			`Expected GET ${held.path}, in flight ${why}, to get 200 ${from}, but the client got ${response.status}`,
			response.request,
		);
	}
	const text = response.text();
	if (arrival && text !== arrival.body) {
		const got = text.length > 60 ? `${text.slice(0, 60)}…` : text;
		ctx.fail(
			`Expected GET ${held.path}, in flight ${why}, to get the body ${arrival.body} ${from}, but the client got ${JSON.stringify(got)}`,
			response.request,
		);
	}
}

/** Sends `count` requests one after another, each answered at once, and records their receivers. */
export async function sendSequence(ctx: CheckContext, farm: Farm, count: number): Promise<Hop[]> {
	const hops: Hop[] = [];
	for (let index = 0; index < count; index++) {
		const path = freshPath(ctx);
		const response = await ctx.request(farm.program, { path });
		hops.push({ path, response, receivers: farm.receivers(path) });
	}
	return hops;
}

/** The backend after `backend` among `members`, in BACKENDS order, wrapping around. */
export function nextAfter(backend: Backend, members: Backend[]): Backend {
	const later = members.find((member) => member.number > backend.number);
	return later ?? (members[0] as Backend);
}

/** Fails unless every hop reached exactly one backend of `members`, each the member after the
 * previous hop's. The first hop may go to any member. `why` says what came before. */
export function expectCycle(ctx: CheckContext, hops: Hop[], members: Backend[], why: string): void {
	let previous: Backend | undefined;
	hops.forEach((hop, index) => {
		const label = `request ${index + 1} (GET ${hop.path}) ${why}`;
		const [receiver] = hop.receivers;
		if (!receiver) {
			ctx.fail(
				`Expected ${label} to reach one of ${numbers(members)}, but none received it; the client got ${hop.response.status}`,
				hop.response.request,
			);
		}
		if (hop.receivers.length > 1 || !members.includes(receiver)) {
			ctx.fail(
				`Expected ${label} to reach one of ${numbers(members)}, but ${numbers(hop.receivers)} received it`,
				hop.response.request,
			);
		}
		if (previous) {
			const expected = nextAfter(previous, members);
			if (receiver !== expected) {
				ctx.fail(
					`Expected ${label} to reach ${describeBackend(expected)}, the next in rotation after backend ${previous.number}, but it reached backend ${receiver.number}`,
					hop.response.request,
				);
			}
		}
		previous = receiver;
	});
}
