// Requests the grader sends go out byte for byte as the check wrote them, and failures print as a
// curl line that a learner can paste.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { curlLine, startFakeServer } from '../../src/harness/index.ts';
import { runOneCheck } from './helpers.ts';

describe('a grader request', () => {
	it('sends the raw path, exact headers and body, with Content-Length and no Content-Type added', async () => {
		const target = await startFakeServer({
			respond: () => ({ status: 207, headers: { 'X-Twice': ['a', 'b'] }, body: 'ok' }),
		});
		try {
			const { result } = await runOneCheck('echo', async (ctx) => {
				const program = {
					url: target.url,
					port: target.port,
					output: () => [],
					exited: () => false,
					stop: async () => {},
				};
				const res = await ctx.request(program, {
					method: 'post',
					path: '/p%2Fq/../r?x=%zz&y',
					headers: { 'X-Mixed-Case': 'v' },
					body: 'é',
				});
				assert.equal(res.status, 207);
				assert.equal(res.text(), 'ok');
				assert.deepEqual(res.headers['x-twice'], 'a, b');
				assert.equal(res.request.url, `${target.url}/p%2Fq/../r?x=%zz&y`);
				const noBody = await ctx.request(program, { path: '/' });
				assert.equal(noBody.status, 207);
			});
			assert.equal(result.checks[0]?.status, 'pass', result.checks[0]?.message);
			const [sent, plain] = target.requests;
			assert.equal(sent?.method, 'POST');
			assert.equal(sent.path, '/p%2Fq/../r?x=%zz&y');
			assert.ok(sent.rawHeaders.includes('X-Mixed-Case'));
			assert.equal(sent.headers['content-length'], '2');
			assert.equal(sent.headers['content-type'], undefined);
			assert.deepEqual([...sent.body], [0xc3, 0xa9]);
			assert.equal(plain?.headers['content-length'], undefined);
			assert.equal(plain?.headers['transfer-encoding'], undefined);
		} finally {
			await target.stop();
		}
	});

	it('fails with "No response ... within" when the other side never answers', async () => {
		const target = await startFakeServer({ behaviour: { kind: 'stall' } });
		try {
			const { result } = await runOneCheck('echo', async (ctx) => {
				const program = {
					url: target.url,
					port: target.port,
					output: () => [],
					exited: () => false,
					stop: async () => {},
				};
				await ctx.request(program, { path: '/slow', timeoutMs: 300 });
			});
			assert.equal(result.checks[0]?.message, 'No response to GET /slow within 300 ms');
			assert.equal(result.checks[0]?.curl, `curl -i ${target.url}/slow`);
		} finally {
			await target.stop();
		}
	});
});

describe('a curl line', () => {
	it('quotes what a shell would change and leaves plain words bare', () => {
		assert.equal(
			curlLine({
				method: 'POST',
				url: 'http://127.0.0.1:4000/orders',
				headers: { Authorization: 'Bearer x', 'Content-Type': 'application/json' },
				body: `{"note":"it's"}`,
			}),
			`curl -i -X POST http://127.0.0.1:4000/orders -H 'Authorization: Bearer x' -H 'Content-Type: application/json' --data '{"note":"it'\\''s"}'`,
		);
		assert.equal(
			curlLine({ method: 'GET', url: 'http://127.0.0.1:4000/a?b=1&c' }),
			`curl -i 'http://127.0.0.1:4000/a?b=1&c'`,
		);
		assert.equal(
			curlLine({ method: 'DELETE', url: 'http://127.0.0.1:4000/x' }),
			'curl -i -X DELETE http://127.0.0.1:4000/x',
		);
		assert.equal(
			curlLine({ method: 'POST', url: 'http://h/x', body: '@file' }),
			`curl -i -X POST http://h/x --data-raw @file`,
		);
	});

	it('shows long or binary bodies as a file with their size', () => {
		assert.equal(
			curlLine({ method: 'PUT', url: 'http://h/x', body: new Uint8Array([0, 255, 1]) }),
			'curl -i -X PUT http://h/x --data-binary @body.bin  # body.bin: the 3-byte request body',
		);
		assert.match(
			curlLine({ method: 'PUT', url: 'http://h/x', body: 'a'.repeat(1000) }),
			/--data-binary @body\.bin {2}# body\.bin: the 1000-byte request body$/,
		);
		assert.match(curlLine({ method: 'PUT', url: 'http://h/x', body: 'two\nlines' }), /@body\.bin/);
	});
});
