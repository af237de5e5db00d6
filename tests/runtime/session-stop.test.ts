import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { onSpawn } from '../../src/harness/process-registry.ts';
import type { LabFiles } from '../../src/shared/protocol.ts';
import {
	cpuTicks,
	fixtureProgram,
	getToken,
	groupAlive,
	labFiles,
	openEvents,
	send,
	startServer,
	until,
	type TestServer,
} from './helpers.ts';

describe('stopping a program that never gives the CPU back', () => {
	let server: TestServer;
	const spawned: number[] = [];
	let unsubscribe: () => void;
	before(async () => {
		server = await startServer();
		unsubscribe = onSpawn((pid) => spawned.push(pid));
	});
	after(async () => {
		unsubscribe();
		await server.close();
		for (const pid of spawned) assert.equal(groupAlive(pid), false, `process group ${pid} is gone`);
	});

	/** Opens a page's stream, runs `files` as orders-api, and returns once the program is spawned. */
	const runLooping = async (files: LabFiles) => {
		const token = await getToken(server);
		const events = await openEvents(server, token);
		const count = spawned.length;
		assert.equal(
			(await send(server, token, { type: 'run', lab: 'orders-api', files })).status,
			202,
		);
		await until(() => spawned.length > count, 'the program is spawned');
		return { token, events, pid: spawned.at(-1) as number };
	};

	test('Stop kills a program that loops before it listens', async () => {
		const { token, events, pid } = await runLooping(fixtureProgram('loops-at-start'));
		assert.ok(groupAlive(pid));
		await send(server, token, { type: 'stop' });
		const exited = await events.next('exited');
		assert.ok(exited.signal === 'SIGKILL' || exited.signal === 'SIGTERM', JSON.stringify(exited));
		await events.next('stopped');
		assert.equal(groupAlive(pid), false);
		assert.equal(
			events.all.filter((event) => event.type === 'error').length,
			0,
			'a Stop is not an error',
		);
		events.close();
	});

	test('Stop kills a program that loops in a handler, and ends the waiting request', async () => {
		const { token, events, pid } = await runLooping(fixtureProgram('loops-on-request'));
		await events.next('started');
		const request = { type: 'request', id: 'spin', method: 'GET', path: '/', headers: {} } as const;
		await send(server, token, request);
		// The program spins once it reads the request, which it does at once: wait until it burns CPU.
		await until(() => cpuTicks(pid) > 20, 'the program spins');
		await send(server, token, { type: 'stop' });
		const failed = await events.next('request-error', (event) => event.id === 'spin');
		assert.match(failed.message, /stopped before it answered/);
		await events.next('stopped');
		assert.equal(groupAlive(pid), false);
		events.close();
	});

	for (const fixture of ['loops-at-start', 'loops-on-request']) {
		test(`closing the event stream kills ${fixture}`, async () => {
			const { token, events, pid } = await runLooping(fixtureProgram(fixture));
			if (fixture === 'loops-on-request') {
				await events.next('started');
				await send(server, token, {
					type: 'request',
					id: 'spin',
					method: 'GET',
					path: '/',
					headers: {},
				});
				await until(() => cpuTicks(pid) > 20, 'the program spins');
			}
			events.close();
			await until(() => !groupAlive(pid), `process group ${pid} is gone after the stream closed`);
		});
	}

	test('the next run works', async () => {
		const token = await getToken(server);
		const events = await openEvents(server, token);
		await send(server, token, {
			type: 'run',
			lab: 'orders-api',
			files: labFiles('orders-api', 'solution'),
		});
		await events.next('started');
		await send(server, token, {
			type: 'request',
			id: 'ok',
			method: 'GET',
			path: '/products',
			headers: {},
		});
		assert.equal((await events.next('response')).status, 200);
		events.close();
		const pid = spawned.at(-1) as number;
		await until(() => !groupAlive(pid), 'the last program is gone');
	});
});
