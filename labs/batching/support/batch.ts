// Building batches from random API data, sending them, and comparing the answer entry by entry
// with what the fake API said to each sub-request.
import { isDeepStrictEqual } from 'node:util';
import {
	expectJson,
	type CheckContext,
	type GraderResponse,
	type LearnerProgram,
} from '../../../src/harness/index.ts';
import type { Api, ApiAnswer } from './api.ts';

export interface SubRequest {
	method?: string;
	path: string;
}

/** One sub-request and the entry the batch's answer must hold for it. */
export interface Expected {
	sub: SubRequest;
	status: number;
	/** The API's JSON body; undefined for entries the server makes itself (405, 502). */
	body?: unknown;
}

/** Characters of two, three and four bytes in UTF-8, so that bodies are not all ASCII. */
const WIDE = ['é', 'ß', '€', '日本', '☕', '🍕'];

/** A path to a new item the API knows, answered 200 with the item as JSON. */
export function knownItem(ctx: CheckContext, api: Api): Expected {
	const { word, id, int } = ctx.random;
	const path = `/${ctx.random.pick(['items', 'products', 'users'])}/${id(word(2))}`;
	const withQuery = ctx.random.int(0, 2) === 0 ? `${path}?fields=${word(4)},${word(3)}` : path;
	const body = {
		id: path.split('/')[2],
		name: `${word(5)}${ctx.random.pick(WIDE)} ${word(4)}`,
		priceCents: int(50, 99_999),
	};
	return answered(api, withQuery, { status: 200, body });
}

/** A path the API answers with `status` and a JSON error, such as 404 for an unknown id. */
export function failingItem(ctx: CheckContext, api: Api, status: number): Expected {
	const path = `/items/${ctx.random.id('gone')}`;
	return answered(api, path, { status, body: { error: `${ctx.random.word(6)} (${status})` } });
}

/** A path the API answers with a redirect to another item it knows: the entry is the redirect,
 * its status and JSON body, since following it is the client's business. */
export function redirectItem(ctx: CheckContext, api: Api): Expected {
	const target = knownItem(ctx, api);
	const path = `/items/${ctx.random.id('moved')}`;
	api.answers.set(path, {
		status: ctx.random.pick([301, 302, 303, 307, 308]),
		body: { movedTo: target.sub.path, note: ctx.random.word(6) },
		location: target.sub.path,
	});
	const { status, body } = api.answers.get(path) as ApiAnswer;
	return { sub: { method: 'GET', path }, status, body };
}

function answered(api: Api, path: string, answer: ApiAnswer): Expected {
	api.answers.set(path, answer);
	return { sub: { method: 'GET', path }, status: answer.status, body: answer.body };
}

export function sendBatch(
	ctx: CheckContext,
	program: LearnerProgram,
	requests: unknown,
	timeoutMs = 4000,
): Promise<GraderResponse> {
	return ctx.request(program, {
		method: 'POST',
		path: '/batch',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ requests }),
		timeoutMs,
	});
}

/** Fails unless the answer is 200 JSON `{"responses": [...]}` with one matching entry per
 * sub-request, in order. */
export function expectEntries(ctx: CheckContext, res: GraderResponse, expected: Expected[]): void {
	if (res.status !== 200) {
		ctx.fail(
			`Expected status 200 for a batch of ${expected.length}, got ${res.status}`,
			res.request,
		);
	}
	const body = expectJson(res) as { responses?: unknown } | null;
	const responses = body?.responses;
	if (!Array.isArray(responses) || responses.length !== expected.length) {
		const got = Array.isArray(responses) ? `${responses.length} entries` : 'no "responses" array';
		ctx.fail(`Expected "responses" with ${expected.length} entries, got ${got}`, res.request);
	}
	expected.forEach((wanted, index) => {
		const entry = responses[index] as { status?: unknown; body?: unknown } | null;
		const what = `entry ${index + 1} (${wanted.sub.method ?? 'GET'} ${wanted.sub.path})`;
		if (entry?.status !== wanted.status) {
			ctx.fail(
				`Expected ${what} to have status ${wanted.status}, got ${JSON.stringify(entry?.status)}`,
				res.request,
			);
		}
		if (wanted.body !== undefined && !isDeepStrictEqual(entry.body, wanted.body)) {
			ctx.fail(
				`Expected ${what} to have the API's body ${JSON.stringify(wanted.body)}, got ${JSON.stringify(entry.body)}`,
				res.request,
			);
		}
	});
}

/** Fails when the API received anything at all: the batch should have been refused whole. */
export function expectApiUntouched(
	ctx: CheckContext,
	api: Api,
	res: GraderResponse,
	why: string,
): void {
	if (api.requests.length > 0) {
		const first = api.requests[0];
		ctx.fail(
			`Expected no request to reach the API (${why}), but it received ${api.requests.length}, first ${first?.method} ${first?.path}`,
			res.request,
		);
	}
}
