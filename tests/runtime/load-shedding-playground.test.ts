// The load-shedding playground lets three requests in at once: with the upstream slowed in the live
// view, a burst of five gets three answers from the upstream and two refusals, and the health
// check still answers.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labFiles, suiteSession } from './helpers.ts';

describe('the load-shedding playground', () => {
	const session = suiteSession();
	const { command } = session;

	test('sheds a burst past three in flight while the upstream is slow', async () => {
		await command({
			type: 'run',
			lab: 'load-shedding',
			files: labFiles('load-shedding', 'solution'),
		});
		const started = await session.events.next('started');
		assert.deepEqual(
			started.backends.map((backend) => backend.name),
			['upstream'],
		);
		await command({ type: 'backend', index: 0, action: 'slow' });
		await session.events.next('backends', (event) => event.backends[0]?.state === 'slow');

		// The events are read in the order they arrive: the refusals and the health check come at
		// once, the upstream's answers after its 1.5 s.
		const ids = ['a', 'b', 'c', 'd', 'e'];
		for (const id of ids) {
			await command({ type: 'request', id, method: 'GET', path: `/work/${id}`, headers: {} });
		}
		await command({ type: 'request', id: 'health', method: 'GET', path: '/health', headers: {} });
		const statuses = new Map<string, number>();
		for (let i = 0; i <= ids.length; i++) {
			const response = await session.events.next('response');
			statuses.set(response.id, response.status);
		}
		assert.equal(statuses.get('health'), 200);
		assert.deepEqual(ids.map((id) => statuses.get(id)).sort(), [200, 200, 200, 503, 503]);

		await command({ type: 'stop' });
		await session.events.next('stopped');
	});
});
