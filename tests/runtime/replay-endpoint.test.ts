// "Try this request" in the local runtime, through real HTTP: a `replay` command runs a failed check
// again with the run's seed and leaves the program and the check's fake servers running, so the
// console's requests get the answers the check got; Stop, Run and the page going away end it. The
// program runs in the sandbox where there is one, as `npm start` runs it.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { onSpawn } from '../../src/harness/process-registry.ts';
import { LabSession } from '../../src/runtime/session.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import type { LabFiles, RuntimeCommand, RuntimeEvent } from '../../src/shared/protocol.ts';
import {
	getToken,
	groupAlive,
	openEvents,
	root,
	send,
	startServer,
	until,
	type Events,
	type TestServer,
} from './helpers.ts';

/** A balancer that answers 500, not 502, when a backend refuses the connection. */
function refusedAnswers500(): LabFiles {
	const folder = join(root, 'labs', 'round-robin', 'fixtures', 'refused-backend-answers-500');
	const files: LabFiles = {};
	for (const name of readdirSync(folder).filter((entry) => entry !== 'FIXTURE.json')) {
		files[name] = readFileSync(join(folder, name), 'utf8');
	}
	return files;
}

const replay: RuntimeCommand = {
	type: 'replay',
	lab: 'round-robin',
	files: refusedAnswers500(),
	seed: 7,
	check: 'refused-backend-502',
};

/** Whether something still answers at `url`. */
const answers = (url: string) =>
	fetch(url).then(
		() => true,
		() => false,
	);

describe('replaying a failed check in the local runtime', () => {
	let server: TestServer;
	const spawned: number[] = [];
	let unsubscribe: () => void;
	before(async () => {
		const support = sandboxSupport();
		server = await startServer(support.ok ? { sandbox: support } : {});
		unsubscribe = onSpawn((pid) => spawned.push(pid));
	});
	after(async () => {
		unsubscribe();
		await server.close();
		for (const pid of spawned) assert.equal(groupAlive(pid), false, `process group ${pid} is gone`);
	});

	const page = async (): Promise<{ token: string; events: Events }> => {
		const token = await getToken(server);
		const events = await openEvents(server, token);
		await events.next('ready');
		return { token, events };
	};

	test('answers the console with the check’s backends until Stop', async () => {
		const { token, events } = await page();
		assert.equal((await send(server, token, replay)).status, 202);
		const started = await events.next('replay', (event) => event.state !== 'ended');
		assert.equal(started.state, 'started', JSON.stringify(started));
		if (started.state !== 'started') return;
		assert.equal(started.title, 'A backend that refuses connections gets 502 and keeps its turn');
		assert.match(started.failure ?? '', /refuses connections, but the client got 500/);
		assert.equal(started.running, true);
		// The program's rotation goes on from where the check left it: within one round, the turn of
		// the backend that refuses comes, and the program answers it as it did in the check.
		const statuses: number[] = [];
		for (let i = 0; i < started.servers.length; i++) {
			const id = `replayed-${i}`;
			await send(server, token, { type: 'request', id, method: 'GET', path: '/', headers: {} });
			const answer = await events.next('response', (event) => event.id === id);
			statuses.push(answer.status);
		}
		assert.deepEqual(
			statuses.filter((status) => status !== 200),
			[500],
			`one turn was the refusing backend's: ${statuses.join(', ')}`,
		);

		await send(server, token, { type: 'stop' });
		await events.next('replay', (event) => event.state === 'ended');
		await events.next('stopped');
		for (const { url } of started.servers) assert.equal(await answers(url), false, url);
		await send(server, token, {
			type: 'request',
			id: 'after',
			method: 'GET',
			path: '/',
			headers: {},
		});
		const after = await events.next('request-error', (event) => event.id === 'after');
		assert.match(after.message, /press Run/);
		events.close();
	});

	test('is cut short by Stop while the check still runs', async () => {
		const { token, events } = await page();
		// Each answer takes 1.5 s, so the check's dozen requests would take it to its 10 s limit.
		const slow = `import http from 'node:http';
http.createServer((req, res) => setTimeout(() => res.end('late'), 1500))
	.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('listening'));
`;
		const files = { 'lb.js': slow, 'package.json': '{"type":"module"}\n' };
		await send(server, token, { ...replay, files, check: 'rotates-in-order' });
		await events.next('output', (event) => event.line === 'listening');
		const pressed = Date.now();
		await send(server, token, { type: 'stop' });
		await events.next('stopped');
		const tookMs = Date.now() - pressed;
		assert.ok(tookMs < 6000, `Stop took ${tookMs} ms`);
		assert.equal(
			events.all.some((event) => event.type === 'replay' && event.state === 'started'),
			false,
		);
		events.close();
	});

	test('is ended by a Run press, and by the page going away', async () => {
		const { token, events } = await page();
		await send(server, token, replay);
		const first = await events.next('replay', (event) => event.state === 'started');
		const files = readdirSync(join(root, 'labs', 'round-robin', 'solution'));
		const solution: LabFiles = {};
		for (const name of files) {
			solution[name] = readFileSync(join(root, 'labs', 'round-robin', 'solution', name), 'utf8');
		}
		await send(server, token, { type: 'run', lab: 'round-robin', files: solution });
		await events.next('replay', (event) => event.state === 'ended');
		await events.next('started');
		if (first.state === 'started') {
			for (const { url } of first.servers) assert.equal(await answers(url), false, url);
		}

		await send(server, token, replay);
		const second = await events.next('replay', (event) => event.state === 'started');
		events.close();
		if (second.state === 'started') {
			const urls = second.servers.map((each) => each.url);
			await until(
				async () => !(await Promise.all(urls.map(answers))).some(Boolean),
				'the fake servers stopped with the page',
			);
		}
	});
});

test('a session reached without the local server (the in-browser runtime) says it cannot replay', async () => {
	const events: RuntimeEvent[] = [];
	const session = new LabSession({ emit: (event) => events.push(event) });
	session.handle(replay);
	await until(() => events.length > 0, 'the session answered');
	assert.deepEqual(events, [
		{
			type: 'replay',
			state: 'failed',
			check: 'refused-backend-502',
			message: 'This runtime cannot replay a check; press Run to send requests to your program',
		},
	]);
	await session.close();
});
