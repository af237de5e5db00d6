import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labFiles, suiteSession } from './helpers.ts';

describe('what each lab runs against in the playground', () => {
	const session = suiteSession();
	const { command } = session;
	let requests = 0;

	const get = async (path: string) => {
		const id = `g${++requests}`;
		await command({ type: 'request', id, method: 'GET', path, headers: {} });
		return session.events.next('response', (event) => event.id === id);
	};
	const originCount = async (count: number) =>
		session.events.next('backends', (event) => event.backends[0]?.requests === count);

	test('caching: one origin whose ordinary paths are cached and whose /live paths never are', async () => {
		await command({ type: 'run', lab: 'caching', files: labFiles('caching', 'solution') });
		const started = await session.events.next('started');
		assert.deepEqual(
			started.backends.map((backend) => backend.name),
			['origin'],
		);

		const first = await get('/products/7?view=full');
		const second = await get('/products/7?view=full');
		assert.deepEqual([first.headers['x-cache'], second.headers['x-cache']], ['MISS', 'HIT']);
		assert.equal(second.body, first.body, 'the cached answer repeats the origin request number');
		await originCount(1);

		const live = [await get('/live/score'), await get('/live/score')];
		assert.deepEqual(
			live.map((response) => response.headers['x-cache']),
			['MISS', 'MISS'],
		);
		assert.equal(live[0]?.headers['cache-control'], 'no-store');
		await originCount(3);
		const missing = await get('/missing/thing');
		assert.equal(missing.status, 404);

		await command({ type: 'stop' });
		await session.events.next('stopped');
	});

	test('health-checks: health checks are counted apart, and a stopped backend is skipped', async () => {
		await command({
			type: 'run',
			lab: 'health-checks',
			files: labFiles('health-checks', 'solution'),
		});
		await session.events.next('started');
		const checked = await session.events.next('backends', (event) =>
			event.backends.every((backend) => backend.healthChecks > 0),
		);
		assert.deepEqual(
			checked.backends.map((backend) => backend.requests),
			[0, 0, 0],
		);

		await command({ type: 'backend', index: 1, action: 'stop' });
		await session.events.next('backends', (event) => event.backends[1]?.state === 'down');
		const statuses: number[] = [];
		for (let i = 0; i < 6; i++) statuses.push((await get(`/after/${i}`)).status);
		assert.deepEqual(
			statuses,
			[200, 200, 200, 200, 200, 200],
			'GETs fail over to healthy backends',
		);
		const counted = await session.events.next(
			'backends',
			(event) => event.backends.reduce((sum, backend) => sum + backend.requests, 0) === 6,
		);
		assert.equal(counted.backends[1]?.requests, 0);

		await command({ type: 'stop' });
		await session.events.next('stopped');
	});
});
