// The assertion helpers labs share: each failure is one line, expected versus actual, naming the
// request, and carries the request for the curl line.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
	CheckFailure,
	expectHeader,
	expectJson,
	expectJsonError,
	expectStatus,
	type GraderResponse,
} from '../../src/harness/index.ts';

function response(
	status: number,
	headers: GraderResponse['headers'],
	body: string,
): GraderResponse {
	const bytes = new TextEncoder().encode(body);
	return {
		status,
		headers,
		body: bytes,
		text: () => body,
		json: () => JSON.parse(body) as unknown,
		durationMs: 1,
		request: { method: 'GET', url: 'http://127.0.0.1:4000/products/p-x9?full=1' },
	};
}

function failure(run: () => unknown): CheckFailure {
	try {
		run();
	} catch (error) {
		assert.ok(error instanceof CheckFailure, 'a CheckFailure, not a grader error');
		assert.equal(error.request?.url, 'http://127.0.0.1:4000/products/p-x9?full=1');
		return error;
	}
	assert.fail('expected a failure');
}

describe('assertion helpers', () => {
	it('expectStatus names expected, request and actual', () => {
		expectStatus(response(404, {}, ''), 404);
		assert.equal(
			failure(() => expectStatus(response(200, {}, ''), 404)).message,
			'Expected status 404 for GET /products/p-x9?full=1, got 200',
		);
	});

	it('expectHeader returns the value and explains a missing or wrong one', () => {
		const res = response(401, { 'www-authenticate': 'Basic realm=x' }, '');
		assert.equal(expectHeader(res, 'WWW-Authenticate'), 'Basic realm=x');
		assert.equal(
			failure(() => expectHeader(res, 'Allow')).message,
			'Expected header Allow in the response to GET /products/p-x9?full=1, but it is missing',
		);
		assert.equal(
			failure(() =>
				expectHeader(
					res,
					'WWW-Authenticate',
					(v) => v.startsWith('Bearer'),
					'a value starting with Bearer',
				),
			).message,
			'Expected the WWW-Authenticate header of the response to GET /products/p-x9?full=1 to be a value starting with Bearer, got "Basic realm=x"',
		);
	});

	it('expectJson accepts a charset and rejects other types or bodies that do not parse', () => {
		assert.deepEqual(
			expectJson(response(200, { 'content-type': 'application/json; charset=utf-8' }, '[1]')),
			[1],
		);
		assert.equal(
			failure(() => expectJson(response(200, { 'content-type': 'text/plain' }, '[1]'))).message,
			'Expected Content-Type application/json for GET /products/p-x9?full=1, got "text/plain"',
		);
		assert.match(
			failure(() => expectJson(response(200, {}, '[1]'))).message,
			/got no Content-Type header$/,
		);
	});

	it('expectJsonError wants the status and a string error field', () => {
		const json = { 'content-type': 'application/json' };
		assert.equal(
			expectJsonError(response(404, json, '{"error":"no such product"}'), 404),
			'no such product',
		);
		assert.match(
			failure(() => expectJsonError(response(404, json, '{"message":"x"}'), 404)).message,
			/^Expected a JSON error body like \{"error": "\.\.\."\} for GET \/products\/p-x9\?full=1, got \{"message":"x"\}$/,
		);
		assert.match(
			failure(() => expectJsonError(response(500, json, '{"error":"x"}'), 404)).message,
			/^Expected status 404/,
		);
	});

	it('expectJsonError wants a message in the error field, not an empty or blank one', () => {
		const json = { 'content-type': 'application/json' };
		for (const blank of ['""', '" "']) {
			assert.match(
				failure(() => expectJsonError(response(404, json, `{"error":${blank}}`), 404)).message,
				/^Expected a JSON error that says what went wrong for GET \/products\/p-x9\?full=1, got "\s?" as its "error"$/,
			);
		}
	});
});
