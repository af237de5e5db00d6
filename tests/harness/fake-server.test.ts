// The fake servers that stand in for backends and origins: what they record and how each behaviour
// looks to a real HTTP client on a real socket.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { describe, it } from 'node:test';
import { startFakeServer } from '../../src/harness/index.ts';
import { eventually } from '../support/poll.ts';

interface Reply {
	status: number;
	headers: Record<string, unknown>;
	body: string;
}

/** One request on a fresh connection; resolves with the reply or the socket error's code. */
function send(
	port: number,
	options: { method?: string; path?: string; headers?: Record<string, string>; body?: Buffer } = {},
): Promise<Reply | string> {
	return new Promise((resolve) => {
		const req = request(
			{
				host: '127.0.0.1',
				port,
				agent: false,
				method: options.method ?? 'GET',
				path: options.path ?? '/',
				headers: options.headers ?? {},
			},
			(res) => {
				const chunks: Buffer[] = [];
				res.on('data', (chunk: Buffer) => chunks.push(chunk));
				res.on('end', () =>
					resolve({
						status: res.statusCode ?? 0,
						headers: res.headers,
						body: Buffer.concat(chunks).toString(),
					}),
				);
			},
		);
		req.setTimeout(3000, () => req.destroy(new Error('TIMEOUT')));
		req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
		req.end(options.body);
	});
}

describe('a fake server', () => {
	it('records method, raw path, headers in both forms, body bytes, time and address', async () => {
		const server = await startFakeServer({ name: 'backend 1' });
		try {
			const body = Buffer.from([0, 1, 2, 255, 10, 13]);
			const before = Date.now();
			const reply = await send(server.port, {
				method: 'PUT',
				path: '/a%20b/c?x=1&x=2',
				headers: { 'X-Custom-Case': 'Value', 'Content-Length': String(body.length) },
				body,
			});
			assert.deepEqual(typeof reply === 'object' && JSON.parse(reply.body), {
				server: 'backend 1',
				method: 'PUT',
				path: '/a%20b/c?x=1&x=2',
			});
			const [recorded] = server.requests;
			assert.equal(server.requests.length, 1);
			assert.equal(recorded?.method, 'PUT');
			assert.equal(recorded.path, '/a%20b/c?x=1&x=2');
			assert.equal(recorded.headers['x-custom-case'], 'Value');
			assert.ok(recorded.rawHeaders.includes('X-Custom-Case'));
			assert.deepEqual([...recorded.body], [...body]);
			assert.ok(recorded.receivedAt >= before && recorded.receivedAt <= Date.now());
			assert.match(recorded.remoteAddress, /^(::ffff:)?127\.0\.0\.1$/);
		} finally {
			await server.stop();
		}
	});

	it('answers with its respond function, and with fail, slow and reset behaviours', async () => {
		const server = await startFakeServer({
			name: 'origin',
			respond: (req) => ({ status: 201, headers: { 'X-Seen': req.path }, body: 'made' }),
		});
		try {
			assert.deepEqual(
				await send(server.port, { path: '/x' }).then(
					(r) => typeof r === 'object' && [r.status, r.headers['x-seen'], r.body],
				),
				[201, '/x', 'made'],
			);
			await server.behave({ kind: 'fail', status: 503 });
			const failed = await send(server.port);
			assert.equal(typeof failed === 'object' && failed.status, 503);
			await server.behave({ kind: 'slow', delayMs: 300 });
			const started = Date.now();
			const slow = await send(server.port);
			assert.equal(typeof slow === 'object' && slow.status, 201);
			assert.ok(Date.now() - started >= 280, 'the slow answer came late');
			await server.behave({ kind: 'reset' });
			assert.equal(await send(server.port), 'ECONNRESET');
			assert.equal(server.requests.length, 4, 'a reset request is still recorded');
		} finally {
			await server.stop();
		}
	});

	it('cuts an answer short: headers and part of the body arrive, then the connection resets', async () => {
		const server = await startFakeServer({});
		try {
			await server.behave({ kind: 'cut', afterMs: 50 });
			const seen = await new Promise<{
				status?: number | undefined;
				bytes: number;
				error?: string;
			}>((resolve) => {
				const got: { status?: number | undefined; bytes: number } = { bytes: 0 };
				const req = request({ host: '127.0.0.1', port: server.port, agent: false }, (res) => {
					got.status = res.statusCode;
					res.on('data', (chunk: Buffer) => (got.bytes += chunk.length));
					res.on('error', (error) => resolve({ ...got, error: error.message }));
					res.on('end', () => resolve(got));
				});
				req.on('error', (error: NodeJS.ErrnoException) =>
					resolve({ ...got, error: error.code ?? error.message }),
				);
				req.end();
			});
			assert.equal(seen.status, 200);
			assert.ok(seen.bytes > 0 && seen.bytes < 4096, `part of the body came: ${seen.bytes} bytes`);
			assert.ok(seen.error, 'the answer ended in an error, not a clean end');
		} finally {
			await server.stop();
		}
	});

	it('refuses connections, then listens again on the same port', async () => {
		const server = await startFakeServer({});
		try {
			await server.behave({ kind: 'refuse' });
			assert.equal(await send(server.port), 'ECONNREFUSED');
			await server.behave({ kind: 'respond' });
			const reply = await send(server.port);
			assert.equal(typeof reply === 'object' && reply.status, 200);
		} finally {
			await server.stop();
		}
	});

	it('can start refusing, and stop ends a stalled request', async () => {
		const refusing = await startFakeServer({ behaviour: { kind: 'refuse' } });
		assert.equal(await send(refusing.port), 'ECONNREFUSED');
		await refusing.stop();

		const stalling = await startFakeServer({ behaviour: { kind: 'stall' } });
		const pending = send(stalling.port);
		// Wait for the state we need, the request recorded, rather than for a guessed time.
		await eventually(() => stalling.requests.length > 0, 2000, 10);
		assert.equal(stalling.requests.length, 1);
		await stalling.stop();
		const outcome = await pending;
		assert.ok(typeof outcome === 'string', 'the stalled request got an answer instead of an error');
		assert.match(outcome, /ECONNRESET|socket hang up/);
		assert.equal(await send(stalling.port), 'ECONNREFUSED');
	});
});
