import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { PLAYGROUND_API_TOKEN } from '../../labs/orders-api/playground.ts';
import type { BackendState } from '../../src/shared/protocol.ts';
import { labFiles, suiteSession } from './helpers.ts';

describe('running a lab through the local runtime', () => {
	const session = suiteSession();
	const { command } = session;
	let requests = 0;

	const ask = async (
		method: string,
		path: string,
		headers: Record<string, string> = {},
		body?: string,
	) => {
		const id = `r${++requests}`;
		await command({
			type: 'request',
			id,
			method,
			path,
			headers,
			...(body === undefined ? {} : { body }),
		});
		return session.events.next('response', (event) => event.id === id);
	};

	test('orders-api: starts, prints, and answers the console with the real response', async () => {
		await command({ type: 'run', lab: 'orders-api', files: labFiles('orders-api', 'solution') });
		const started = await session.events.next('started');
		assert.equal(started.lab, 'orders-api');
		assert.deepEqual(started.backends, []);
		// The program's first line may arrive just before or just after it is seen listening.
		const output = await session.events.any('output');
		assert.match(output.line, new RegExp(String(started.port)));

		const products = await ask('GET', '/products');
		assert.equal(products.status, 200);
		assert.match(products.headers['content-type'] ?? '', /application\/json/);
		const list = JSON.parse(products.body) as { id: string }[];
		assert.ok(list.length > 0);
		assert.ok(products.durationMs >= 0);

		const order = await ask(
			'POST',
			'/orders',
			{ Authorization: `Bearer ${PLAYGROUND_API_TOKEN}`, 'Content-Type': 'application/json' },
			JSON.stringify({ productId: list[0]?.id, quantity: 2 }),
		);
		assert.equal(order.status, 201, order.body);
		assert.match(order.headers['location'] ?? '', /^\/orders\//);

		await command({ type: 'stop' });
		await session.events.next('exited');
		await session.events.next('stopped');
		await command({
			type: 'request',
			id: 'after-stop',
			method: 'GET',
			path: '/products',
			headers: {},
		});
		const refused = await session.events.next(
			'request-error',
			(event) => event.id === 'after-stop',
		);
		assert.match(refused.message, /not running/);
	});

	test('round-robin: counts each backend, and a stopped backend stops counting', async () => {
		await command({ type: 'run', lab: 'round-robin', files: labFiles('round-robin', 'solution') });
		const started = await session.events.next('started');
		assert.deepEqual(
			started.backends.map(({ name, state, requests }) => [name, state, requests]),
			[
				['backend 1', 'up', 0],
				['backend 2', 'up', 0],
				['backend 3', 'up', 0],
			],
		);
		const named = new Set<string>();
		for (let i = 0; i < 6; i++) {
			const response = await ask('GET', `/items?n=${i}`);
			assert.equal(response.status, 200);
			named.add((JSON.parse(response.body) as { server: string }).server);
		}
		assert.equal(named.size, 3, 'every backend answered');
		const counted = await session.events.next('backends', (event) => total(event.backends) === 6);
		assert.deepEqual(
			counted.backends.map((backend) => backend.requests),
			[2, 2, 2],
		);

		await command({ type: 'backend', index: 1, action: 'stop' });
		const down = await session.events.next(
			'backends',
			(event) => event.backends[1]?.state === 'down',
		);
		const before = down.backends.map((backend) => backend.requests);
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await ask('GET', `/after-stop/${i}`)).status);
		assert.equal(
			statuses.filter((status) => status === 502).length,
			2,
			`statuses ${statuses.join(',')}`,
		);
		const later = await session.events.next('backends', (event) => total(event.backends) === 10);
		const grew = later.backends.map((backend, i) => backend.requests - (before[i] ?? 0));
		assert.deepEqual(grew, [2, 0, 2], 'backend 2 got nothing while down, the others kept growing');
		// The solution reports each refused connection with console.error, which arrives as stderr.
		const complaint = await session.events.any('output', (event) => event.stream === 'stderr');
		assert.match(complaint.line, /ECONNREFUSED/);

		await command({ type: 'backend', index: 1, action: 'start' });
		await session.events.next('backends', (event) => event.backends[1]?.state === 'up');
		await command({ type: 'backend', index: 0, action: 'slow' });
		await session.events.next('backends', (event) => event.backends[0]?.state === 'slow');
		const times: number[] = [];
		for (let i = 0; i < 3; i++) times.push((await ask('GET', `/slow/${i}`)).durationMs);
		assert.ok(
			Math.max(...times) >= 1400,
			`one answer waited for the slow backend: ${times.join(', ')} ms`,
		);

		await command({ type: 'backend', index: 7, action: 'stop' });
		assert.match((await session.events.next('error')).message, /no backend 7/);
		await command({ type: 'stop' });
		await session.events.next('stopped');
	});

	test('refuses a lab that is not one of the course labs', async () => {
		await command({ type: 'run', lab: 'rm-rf', files: { 'server.js': '' } });
		const error = await session.events.next('error');
		assert.match(error.message, /Unknown lab "rm-rf"; this runtime runs: .*orders-api/);
	});
});

function total(backends: BackendState[]): number {
	return backends.reduce((sum, backend) => sum + backend.requests, 0);
}
