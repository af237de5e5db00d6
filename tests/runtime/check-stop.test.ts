import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { onSpawn } from '../../src/harness/process-registry.ts';
import {
	cpuTicks,
	fixtureProgram,
	getToken,
	groupAlive,
	openEvents,
	send,
	startServer,
	until,
	type TestServer,
} from './helpers.ts';

describe('stopping a check run', () => {
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
	});

	/** Starts checks of orders-api on a program that spins on its first request, and returns once
	 * the first check's program is spinning, well before the check's own time limit. */
	const checkSpinning = async () => {
		const token = await getToken(server);
		const events = await openEvents(server, token);
		const files = fixtureProgram('loops-on-request');
		const count = spawned.length;
		await send(server, token, { type: 'check', lab: 'orders-api', files });
		await until(() => spawned.length > count, 'a check starts the program');
		const pid = spawned.at(-1) as number;
		await until(() => cpuTicks(pid) > 20, 'the program spins');
		return { token, events, pid };
	};

	test('Stop cancels the running check, skips the rest, and the run does not pass', async () => {
		const { token, events, pid } = await checkSpinning();
		const started = Date.now();
		await send(server, token, { type: 'stop' });
		const end = await events.next('check', ({ event }) => event.type === 'run-end');
		await events.next('stopped');
		assert.ok(end.event.type === 'run-end' && !end.event.passed);
		assert.ok(Date.now() - started < 4000, `stopped in ${Date.now() - started} ms`);
		const statuses = events.all.flatMap((event) =>
			event.type === 'check' && event.event.type === 'check-end' ? [event.event.status] : [],
		);
		assert.equal(statuses[0], 'fail');
		assert.ok(
			statuses.slice(1).every((status) => status === 'skip'),
			statuses.join(', '),
		);
		assert.equal(groupAlive(pid), false);
		events.close();
	});

	test('closing the event stream ends a check run and leaves no process', async () => {
		const { events, pid } = await checkSpinning();
		const before = spawned.length;
		events.close();
		await until(() => !groupAlive(pid), `process group ${pid} is gone after the stream closed`);
		assert.equal(spawned.length, before, 'no further check started a program');
	});
});
