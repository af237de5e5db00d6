// The server-push lab's event-stream client must read a stream as a browser's EventSource does,
// or a correct program written differently from the solution would fail: lines ending in CR, LF
// or CRLF, even split across chunks, several data lines, comments, ids without data, retry.
import assert from 'node:assert/strict';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { SseClient, SseStream } from '../../labs/server-push/support/sse-reader.ts';

/** Each test's stream, as the chunks the server writes, one tick apart. */
const streams: Record<string, string[]> = {
	'/crlf': ['retry: 2500\r\n', 'id: 7\r\nevent: status\r\ndata:{"a":1}\r\n\r\n'],
	'/split': ['\uFEFFid: 1\r', '\ndata: one\r', '\r: beat\n', 'data: t', 'wo\n\n'],
	'/multi': [
		'event: status\ndata: {"status":\ndata:  "ready"}\n\n',
		'id: 9\n\n',
		'data: after\n\n',
	],
	'/fields': ['data\nfoo: bar\n\n', 'event: x\n: comment\ndata: y\n\n', 'data: unfinished'],
};

describe('the server-push event-stream client', () => {
	let server: Server;
	let port = 0;
	const open = new Set<ServerResponse>();
	const client = new SseClient();

	before(async () => {
		server = createServer((req, res) => {
			res.writeHead(200, { 'Content-Type': 'text/event-stream' });
			open.add(res);
			const chunks = [...(streams[req.url ?? ''] ?? [])];
			const next = () => {
				const chunk = chunks.shift();
				if (chunk === undefined) return;
				res.write(chunk);
				setTimeout(next, 5);
			};
			next();
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		port = (server.address() as AddressInfo).port;
	});

	after(async () => {
		await client.closeAll();
		for (const res of open) res.destroy();
		await new Promise((resolve) => server.close(resolve));
	});

	const read = async (path: string, events: number): Promise<SseStream> => {
		const stream = await client.open({ port, path, headersTimeoutMs: 2000 });
		assert.ok(stream instanceof SseStream, `no stream for ${path}`);
		assert.ok(await stream.eventCount(events, 2000), `${path}: ${stream.quote()}`);
		return stream;
	};

	test('CRLF line ends, retry, and a field without the space after its colon', async () => {
		const stream = await read('/crlf', 1);
		assert.equal(stream.retry, 2500);
		assert.deepEqual(
			stream.events.map(({ type, data, id }) => ({ type, data, id })),
			[{ type: 'status', data: '{"a":1}', id: '7' }],
		);
	});

	test('a CR at the end of a chunk, a byte order mark and a comment between data lines', async () => {
		const stream = await read('/split', 1);
		assert.deepEqual(
			stream.events.map((event) => [event.data, event.id]),
			[['one', '1']],
		);
		assert.deepEqual(
			stream.comments.map((comment) => comment.text),
			[' beat'],
		);
		assert.ok(await stream.eventCount(2, 2000));
		// The second event has no id of its own but inherits the stream's last one.
		assert.deepEqual(
			[stream.events[1]?.data, stream.events[1]?.id, stream.events[1]?.lastEventId],
			['two', undefined, '1'],
		);
	});

	test('data lines are joined with line feeds, and an id without data dispatches nothing', async () => {
		const stream = await read('/multi', 2);
		assert.equal(stream.events[0]?.data, '{"status":\n "ready"}');
		assert.deepEqual(JSON.parse(stream.events[0]?.data ?? ''), { status: 'ready' });
		assert.deepEqual(
			[stream.events[1]?.type, stream.events[1]?.data, stream.events[1]?.lastEventId],
			['message', 'after', '9'],
		);
	});

	test('a data field without a colon, unknown fields, and an event the stream never finished', async () => {
		const stream = await read('/fields', 2);
		// "data" alone adds an empty line, so the event is dispatched with empty data.
		assert.deepEqual(
			stream.events.map((event) => [event.type, event.data]),
			[
				['message', ''],
				['x', 'y'],
			],
		);
		assert.ok(stream.otherFields.has('foo'));
		await stream.close('end');
		// No blank line followed "data: unfinished", so it never became an event.
		assert.equal(stream.events.length, 2);
	});
});
