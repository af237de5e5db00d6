import assert from 'node:assert/strict';
import { test } from 'node:test';
import { curlLine } from '../../src/harness/curl.ts';
import { parseCurl } from '../../src/client/lab/curl-parse.ts';

// "Try this request" reads a failed check's curl line back into the request console: whatever the
// harness writes must come back as the request it was.
test('a curl line the harness wrote reads back as the same request', () => {
	const body = JSON.stringify({ productId: "p-1'x", quantity: 2 });
	const line = curlLine({
		method: 'POST',
		url: 'http://127.0.0.1:41234/orders?x=1&y=two%20words',
		headers: { Authorization: 'Bearer t0k3n', 'Content-Type': 'application/json' },
		body,
	});
	assert.deepEqual(parseCurl(line), {
		method: 'POST',
		path: '/orders?x=1&y=two%20words',
		headers: { Authorization: 'Bearer t0k3n', 'Content-Type': 'application/json' },
		body,
	});
	assert.deepEqual(parseCurl(curlLine({ method: 'GET', url: 'http://127.0.0.1:1/products' })), {
		method: 'GET',
		path: '/products',
		headers: {},
	});
	assert.equal(
		parseCurl(curlLine({ method: 'DELETE', url: 'http://127.0.0.1:1/a' }))?.method,
		'DELETE',
	);
});

test('a body sent from a file, or a line that is not curl, is not offered', () => {
	const binary = curlLine({
		method: 'POST',
		url: 'http://127.0.0.1:1/upload',
		body: new Uint8Array([0, 1, 2, 255]),
	});
	assert.equal(parseCurl(binary), undefined);
	assert.equal(parseCurl('wget http://127.0.0.1:1/'), undefined);
	assert.equal(parseCurl("curl -i 'http://127.0.0.1:1/unclosed"), undefined);
});
