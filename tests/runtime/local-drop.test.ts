// The page's end of the local runtime (src/client/lab/adapters/local.ts) when its event stream
// drops: the runtime ends a page's session with its stream, so the program, a check run under way
// and a console request waiting on the program are gone. The page must hear so at once, as it
// hears of the in-browser runtime's restart (`onRestart`), not wait on events that never come: the
// check run ends with the reason, the request gets an error, and the fresh session works.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { connectLocal, LOST, RECONNECTED } from '../../src/client/lab/adapters/local.ts';
import type { Runtime } from '../../src/client/lab/adapters/types.ts';
import { labFiles, startServer, type TestServer } from './helpers.ts';
import { RuntimeEvents } from './runtime-events.ts';

/** A program that listens and never answers: a request to it waits until something ends it. */
const silent = {
	'package.json': '{"type":"module"}\n',
	'server.js':
		"import { createServer } from 'node:http';\ncreateServer(() => {}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');\n",
};

let server: TestServer;
let runtime: Runtime;
before(async () => {
	server = await startServer();
	runtime = await connectLocal(10_000, `http://${server.host}`);
});
after(async () => {
	runtime.close();
	await server.close();
});

test('a dropped stream ends the check run and the console request it cut off, with the reason, and the fresh session works', async () => {
	const events = new RuntimeEvents(runtime);
	const restarts: string[] = [];
	runtime.onRestart((message) => restarts.push(message));

	await runtime.send({ type: 'run', lab: 'orders-api', files: silent });
	await events.next((event) => event.type === 'started', 20_000, 'the program listening');
	await runtime.send({ type: 'request', id: 'cut-off', method: 'GET', path: '/', headers: {} });
	await runtime.send({
		type: 'check',
		lab: 'orders-api',
		files: labFiles('orders-api', 'solution'),
	});
	await events.next(
		(event) => event.type === 'check' && event.event.type === 'check-start',
		30_000,
		'the check run under way',
	);

	server.drop();
	const said = await events.next((event) => event.type === 'error', 10_000, 'the drop reported');
	assert.deepEqual(said.event, { type: 'error', message: RECONNECTED });
	// A check run's listener ends the run with this (check-run.ts), as after a restart.
	assert.deepEqual(restarts, [RECONNECTED]);
	const unanswered = await events.next(
		(event) => event.type === 'request-error' && event.id === 'cut-off',
		1_000,
		'the cut-off request answered with an error',
	);
	assert.match(
		unanswered.event.type === 'request-error' ? unanswered.event.message : '',
		/^No answer came: the connection to the local runtime dropped/,
	);
	await events.next((event) => event.type === 'stopped', 1_000, 'the program shown stopped');
	await events.next((event) => event.type === 'ready', 10_000, 'the fresh session');

	// The fresh session runs nothing, and says so; the old one's events never come.
	await runtime.send({ type: 'request', id: 'after', method: 'GET', path: '/', headers: {} });
	const after = await events.next(
		(event) => event.type === 'request-error' && event.id === 'after',
		10_000,
		'the fresh session answering',
	);
	assert.match(after.event.type === 'request-error' ? after.event.message : '', /press Run/);
	assert.ok(
		!events.all.some(({ event }) => event.type === 'check' && event.event.type === 'run-end'),
		'no run-end from the session that was ended',
	);

	// A server that is gone for good: the page is told once, and nothing is left waiting.
	await runtime.send({ type: 'request', id: 'last', method: 'GET', path: '/', headers: {} });
	await events.next((event) => event.type === 'request-error' && event.id === 'last', 10_000);
	await server.close();
	await events.next(
		(event) => event.type === 'error' && event.message === LOST,
		10_000,
		'the loss reported',
	);
	// (The server ends its streams before it stops listening, so the page may first get through once
	// more; what it is told last is that the runtime is gone.)
	assert.equal(restarts.at(-1), LOST);
	assert.equal(restarts[0], RECONNECTED);
});
