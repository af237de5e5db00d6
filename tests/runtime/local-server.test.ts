import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { LOCAL_RUNTIME } from '../../src/shared/protocol.ts';
import {
	getToken,
	openEvents,
	pageHeaders,
	raw,
	send,
	startServer,
	type TestServer,
} from './helpers.ts';

describe('local runtime HTTP surface', () => {
	let server: TestServer;
	before(async () => {
		server = await startServer();
	});
	after(() => server.close());

	test('hands a same-origin page a token and its Node version', async () => {
		const response = await raw(server.port, 'GET', LOCAL_RUNTIME.session, pageHeaders(server));
		assert.equal(response.status, 200);
		const body = JSON.parse(response.body) as { token: string; node: string };
		assert.match(body.token, /^[\w-]{32}$/);
		assert.equal(body.node, process.version);
		assert.notEqual(await getToken(server), body.token, 'each page gets its own token');
	});

	test('accepts localhost as well as 127.0.0.1', async () => {
		const host = `localhost:${server.port}`;
		const headers = { Host: host, Origin: `http://${host}` };
		assert.equal((await raw(server.port, 'GET', LOCAL_RUNTIME.session, headers)).status, 200);
	});

	test('refuses a foreign Host (DNS rebinding) with 403', async () => {
		const headers = { ...pageHeaders(server), Host: `evil.example:${server.port}` };
		const response = await raw(server.port, 'GET', LOCAL_RUNTIME.session, headers);
		assert.equal(response.status, 403);
		assert.match((JSON.parse(response.body) as { error: string }).error, /Host "evil\.example/);
		const noPort = await raw(server.port, 'GET', LOCAL_RUNTIME.session, { Host: '127.0.0.1' });
		assert.equal(noPort.status, 403);
	});

	test('refuses another Origin, and a cross-site or same-site fetch, with 403', async () => {
		const token = await getToken(server);
		const command = JSON.stringify({ type: 'stop' });
		for (const extra of [
			{ Origin: 'http://evil.example' },
			{ Origin: `http://127.0.0.1:${server.port + 1}` },
			{ Origin: 'null' },
			{ 'Sec-Fetch-Site': 'cross-site' },
			{ 'Sec-Fetch-Site': 'same-site' },
		]) {
			const headers = { ...pageHeaders(server, token), ...extra };
			const session = await raw(server.port, 'GET', LOCAL_RUNTIME.session, headers);
			const posted = await raw(server.port, 'POST', LOCAL_RUNTIME.command, headers, command);
			assert.equal(session.status, 403, JSON.stringify(extra));
			assert.equal(posted.status, 403, JSON.stringify(extra));
			assert.ok((JSON.parse(posted.body) as { error: string }).error);
		}
	});

	test('refuses commands and events without the right token with 401', async () => {
		const body = JSON.stringify({ type: 'stop' });
		const missing = await raw(
			server.port,
			'POST',
			LOCAL_RUNTIME.command,
			pageHeaders(server),
			body,
		);
		const wrong = await raw(
			server.port,
			'POST',
			LOCAL_RUNTIME.command,
			pageHeaders(server, 'nope'),
			body,
		);
		const events = await raw(server.port, 'GET', LOCAL_RUNTIME.events, pageHeaders(server, 'nope'));
		assert.deepEqual([missing.status, wrong.status, events.status], [401, 401, 401]);
		assert.match((JSON.parse(missing.body) as { error: string }).error, /X-Runtime-Token/);
	});

	test('refuses a command body over the limit with 413, by its length or as it streams', async () => {
		const token = await getToken(server);
		const stream = await openEvents(server, token);
		try {
			const big = Buffer.alloc(LOCAL_RUNTIME.maxBodyBytes + 1, 'a');
			const declared = await raw(
				server.port,
				'POST',
				LOCAL_RUNTIME.command,
				pageHeaders(server, token),
				big,
			);
			assert.equal(declared.status, 413);
			const chunked = { ...pageHeaders(server, token), 'Transfer-Encoding': 'chunked' };
			const streamed = await raw(server.port, 'POST', LOCAL_RUNTIME.command, chunked, big);
			assert.equal(streamed.status, 413);
			assert.match((JSON.parse(streamed.body) as { error: string }).error, /larger than/);
		} finally {
			stream.close();
		}
	});

	test('answers 400 to bad JSON and unknown commands, 202 to a good one', async () => {
		const token = await getToken(server);
		const stream = await openEvents(server, token);
		try {
			const headers = pageHeaders(server, token);
			const post = (body: string) => raw(server.port, 'POST', LOCAL_RUNTIME.command, headers, body);
			assert.equal((await post('{not json')).status, 400);
			const unknown = await post(JSON.stringify({ type: 'explode' }));
			assert.equal(unknown.status, 400);
			assert.match(
				(JSON.parse(unknown.body) as { error: string }).error,
				/Unknown command type "explode"/,
			);
			assert.equal(
				(await post(JSON.stringify({ type: 'backend', index: -1, action: 'stop' }))).status,
				400,
			);
			assert.equal((await send(server, token, { type: 'stop' })).status, 202);
			await stream.next('ready');
			await stream.next('stopped');
		} finally {
			stream.close();
		}
	});

	test('starts the stream with a ready event, and wants it open before commands', async () => {
		const token = await getToken(server);
		assert.equal((await send(server, token, { type: 'stop' })).status, 409);
		const stream = await openEvents(server, token);
		const ready = await stream.next('ready');
		assert.deepEqual(ready, { type: 'ready', runtime: 'local', node: process.version });
		stream.close();
	});

	test('leaves other paths to the site and refuses wrong methods', async () => {
		assert.equal((await raw(server.port, 'GET', '/lessons/', pageHeaders(server))).status, 404);
		const wrong = await raw(server.port, 'POST', LOCAL_RUNTIME.session, pageHeaders(server), '{}');
		assert.equal(wrong.status, 405);
		assert.equal(wrong.headers.allow, 'GET');
		const unknown = await raw(server.port, 'GET', '/__runtime/other', pageHeaders(server));
		assert.equal(unknown.status, 404);
	});
});
