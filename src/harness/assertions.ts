// Small generic assertions for checks. Each failure is one line, expected versus actual, with the
// request attached so the report can show it as a `curl` line. Labs write their specific ones.
import { CheckFailure } from './check-failure.ts';
import type { GraderResponse } from './types.ts';

function label(res: GraderResponse): string {
	const url = new URL(res.request.url);
	return `${res.request.method} ${url.pathname}${url.search}`;
}

function headerValue(res: GraderResponse, name: string): string | undefined {
	const value = res.headers[name.toLowerCase()];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** "Expected status 404 for GET /products/p-x9, got 200". */
export function expectStatus(res: GraderResponse, expected: number): void {
	if (res.status !== expected) {
		throw new CheckFailure(
			`Expected status ${expected} for ${label(res)}, got ${res.status}`,
			res.request,
		);
	}
}

/** Fails unless the header is present and, when `test` is given, passes it; returns its value.
 * `description` says what `test` wants ("a value starting with Bearer"). */
export function expectHeader(
	res: GraderResponse,
	name: string,
	test?: (value: string) => boolean,
	description?: string,
): string {
	const value = headerValue(res, name);
	if (value === undefined) {
		throw new CheckFailure(
			`Expected header ${name} in the response to ${label(res)}, but it is missing`,
			res.request,
		);
	}
	if (test && !test(value)) {
		const wanted = description ? ` to be ${description}` : ' to be different';
		throw new CheckFailure(
			`Expected the ${name} header of the response to ${label(res)}${wanted}, got ${JSON.stringify(value)}`,
			res.request,
		);
	}
	return value;
}

/** Checks `Content-Type: application/json` (a charset is allowed) and returns the parsed body. */
export function expectJson(res: GraderResponse): unknown {
	const type = headerValue(res, 'content-type');
	const mediaType = type?.split(';')[0]?.trim().toLowerCase();
	if (mediaType !== 'application/json') {
		const got = type === undefined ? 'no Content-Type header' : JSON.stringify(type);
		throw new CheckFailure(
			`Expected Content-Type application/json for ${label(res)}, got ${got}`,
			res.request,
		);
	}
	return res.json();
}

/** Checks the status and a JSON error body `{"error": "<message>"}`; returns the message. */
export function expectJsonError(res: GraderResponse, status: number): string {
	expectStatus(res, status);
	const body = expectJson(res);
	const error =
		typeof body === 'object' && body !== null && !Array.isArray(body)
			? (body as Record<string, unknown>)['error']
			: undefined;
	if (typeof error !== 'string') {
		throw new CheckFailure(
			`Expected a JSON error body like {"error": "..."} for ${label(res)}, got ${preview(res.text())}`,
			res.request,
		);
	}
	// The common rules ask for a human-readable message: an empty one tells the client nothing.
	if (error.trim() === '') {
		throw new CheckFailure(
			`Expected a JSON error that says what went wrong for ${label(res)}, got ${JSON.stringify(error)} as its "error"`,
			res.request,
		);
	}
	return error;
}

function preview(text: string): string {
	return text.length > 80 ? `${text.slice(0, 80)}…` : text || 'an empty body';
}
