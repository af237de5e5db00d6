// Assertions on what the client got from the proxy, compared with what the origin sent and saw.
import type { CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import { byteDifference } from '../../shared/http/bytes.ts';
import type { Origin } from './origin.ts';

/** Fails unless the response is marked `X-Cache: HIT` or `MISS` as wanted; `why` says what made
 * the grader expect it. */
export function expectCache(
	ctx: CheckContext,
	res: GraderResponse,
	wanted: 'HIT' | 'MISS',
	why: string,
): void {
	const value = res.headers['x-cache'];
	if (value !== wanted) {
		const got = value === undefined ? 'no X-Cache header' : `X-Cache: ${String(value)}`;
		ctx.fail(
			`Expected X-Cache: ${wanted} for ${res.request.method} ${pathOf(res)} (${why}), got ${got}`,
			res.request,
		);
	}
}

/** Fails unless the origin received exactly `expected` requests for this method and path. */
export function expectOriginCount(
	ctx: CheckContext,
	origin: Origin,
	res: GraderResponse,
	expected: number,
	why: string,
): void {
	const { method } = res.request;
	const path = pathOf(res);
	const count = origin.count(method, path);
	if (count !== expected) {
		ctx.fail(
			`Expected the origin to have received ${expected} × ${method} ${path} (${why}), but it received ${count}`,
			res.request,
		);
	}
}

/** Fails unless the client got the origin's answer to the `nth` (1-based) request for this path,
 * compared on status, Content-Type and body. */
export function expectVersion(
	ctx: CheckContext,
	origin: Origin,
	res: GraderResponse,
	nth: number,
	why: string,
): void {
	const path = pathOf(res);
	// Answers held at the origin can finish after later ones, so they are found by version.
	const answer = origin.answers.find(
		(one) => one.method === res.request.method && one.path === path && one.version === nth,
	);
	if (!answer)
		return ctx.fail(
			`Expected the origin to have answered ${res.request.method} ${path} ${nth} time(s)`,
			res.request,
		);
	const { status, headers = {}, body = new Uint8Array() } = answer.response;
	const what = `${res.request.method} ${path} (${why})`;
	if (res.status !== status)
		ctx.fail(`Expected status ${status} for ${what}, got ${res.status}`, res.request);
	const type = (headers as Record<string, string>)['Content-Type'];
	if (res.headers['content-type'] !== type) {
		ctx.fail(
			`Expected Content-Type ${type} for ${what}, got ${String(res.headers['content-type'])}`,
			res.request,
		);
	}
	const difference = byteDifference(
		res.body,
		typeof body === 'string' ? new TextEncoder().encode(body) : body,
	);
	if (difference) {
		const got = new TextDecoder().decode(res.body.slice(0, 40)).split('\n')[0];
		ctx.fail(
			`Expected the body of version ${nth} for ${what}, got ${difference} (starting ${JSON.stringify(got)})`,
			res.request,
		);
	}
}

/** The request target as sent, query string included. */
export function pathOf(res: GraderResponse): string {
	return res.request.url.replace(/^https?:\/\/[^/]+/, '');
}
