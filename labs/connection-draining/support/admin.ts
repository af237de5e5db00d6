// The balancer's admin API as the grader uses it: reading every backend's entry, draining and
// undraining one, and waiting for an entry to reach the state and count the grader expects.
import {
	expectJson,
	expectStatus,
	type CheckContext,
	type GraderResponse,
} from '../../../src/harness/index.ts';
import { type Backend, type Farm, describeBackend } from './backends.ts';

export type State = 'active' | 'draining' | 'drained';

export interface Entry {
	url: string;
	state: State;
	inFlight: number;
}

const STATES: readonly string[] = ['active', 'draining', 'drained'];

/** How long a balancer gets to notice that an exchange has ended: the client has the answer, has
 * gone away, or the backend broke off. Stretched by the machine's time scale. */
export const NOTICE_MS = 1000;

/** `draining with 2 in flight` */
export function describeEntry(entry: { state: string; inFlight: number }): string {
	return `${entry.state} with ${entry.inFlight} in flight`;
}

function entryProblem(value: unknown): string | undefined {
	if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'not an object';
	const { url, state, inFlight } = value as Record<string, unknown>;
	if (typeof url !== 'string') return 'no string "url"';
	if (typeof state !== 'string' || !STATES.includes(state))
		return `"state" ${JSON.stringify(state)}, not "active", "draining" or "drained"`;
	if (typeof inFlight !== 'number' || !Number.isInteger(inFlight) || inFlight < 0)
		return `"inFlight" ${JSON.stringify(inFlight)}, not a whole number of at least 0`;
	return undefined;
}

/** Checks one entry's shape and URL against the backend it must describe. */
function expectEntryOf(
	ctx: CheckContext,
	response: GraderResponse,
	value: unknown,
	backend: Backend,
	where: string,
): Entry {
	const problem = entryProblem(value);
	if (problem) {
		ctx.fail(
			`Expected ${where} to be {"url", "state", "inFlight"} for ${describeBackend(backend)}, but it has ${problem}: ${JSON.stringify(value)}`,
			response.request,
		);
	}
	const entry = value as Entry;
	if (entry.url !== backend.url) {
		ctx.fail(
			`Expected ${where} to have "url": "${backend.url}" (backend ${backend.number}, exactly as BACKENDS spells it), got ${JSON.stringify(entry.url)}`,
			response.request,
		);
	}
	return entry;
}

/** `GET /admin/backends`: one entry per backend, in BACKENDS order. */
export async function readBackends(ctx: CheckContext, farm: Farm): Promise<Entry[]> {
	const response = await ctx.request(farm.program, { path: '/admin/backends' });
	expectStatus(response, 200);
	const body = expectJson(response);
	if (!Array.isArray(body) || body.length !== farm.backends.length) {
		const got = Array.isArray(body)
			? `an array of ${body.length}`
			: JSON.stringify(body).slice(0, 80);
		ctx.fail(
			`Expected GET /admin/backends to answer an array of ${farm.backends.length} entries, one per backend in BACKENDS order, got ${got}`,
			response.request,
		);
	}
	return farm.backends.map((backend, index) =>
		expectEntryOf(ctx, response, body[index], backend, `entry ${index + 1} of GET /admin/backends`),
	);
}

/** `POST /admin/drain` or `/admin/undrain` for `backend`; returns the entry it answered with. */
export async function setDrain(
	ctx: CheckContext,
	farm: Farm,
	backend: Backend,
	action: 'drain' | 'undrain',
): Promise<Entry> {
	const body = JSON.stringify({ backend: backend.url });
	const response = await ctx.request(farm.program, {
		method: 'POST',
		path: `/admin/${action}`,
		headers: { 'Content-Type': 'application/json' },
		body,
	});
	expectStatus(response, 200);
	const value = expectJson(response);
	return expectEntryOf(ctx, response, value, backend, `the answer to POST /admin/${action}`);
}

export interface Expected {
	state: State;
	inFlight: number;
}

/** Fails unless `entry` is `expected` (`when` says when it was read, for the message). */
export function expectEntry(
	ctx: CheckContext,
	farm: Farm,
	backend: Backend,
	entry: Entry,
	expected: Expected,
	when: string,
): void {
	if (entry.state !== expected.state || entry.inFlight !== expected.inFlight) {
		ctx.fail(
			`Expected ${describeBackend(backend)} to be ${describeEntry(expected)} ${when}, but the balancer reported it ${describeEntry(entry)}`,
			{ method: 'GET', url: `${farm.program.url}/admin/backends` },
		);
	}
}

/** Reads `GET /admin/backends` until `backend` is `expected`. The grader has already seen the
 * exchanges end that bring it there, so the balancer gets NOTICE_MS to see them too; but a count
 * below what is still in flight, or `drained` while something is, is wrong at once. */
export async function waitForEntry(
	ctx: CheckContext,
	farm: Farm,
	backend: Backend,
	expected: Expected,
	when: string,
): Promise<void> {
	const index = farm.backends.indexOf(backend);
	let last: Entry | undefined;
	const limitMs = ctx.time.stretch(NOTICE_MS);
	const until = Date.now() + limitMs;
	for (;;) {
		const entries = await readBackends(ctx, farm);
		last = entries[index]!;
		if (last.state === expected.state && last.inFlight === expected.inFlight) return;
		const early =
			last.inFlight < expected.inFlight ||
			(last.state === 'drained' && expected.state === 'draining') ||
			(last.state === 'active') !== (expected.state === 'active');
		if (early) expectEntry(ctx, farm, backend, last, expected, when);
		if (Date.now() >= until) break;
		await ctx.sleep(20);
	}
	ctx.failTiming(
		`Expected ${describeBackend(backend)} to be ${describeEntry(expected)} within ${limitMs} ms ${when}, but the balancer still reported it ${describeEntry(last)}`,
		{ method: 'GET', url: `${farm.program.url}/admin/backends` },
	);
}
