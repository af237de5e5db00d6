// The food-delivery playground gives the order API the menu.json its contract names, so that the
// solution prices an order from it when the learner presses Run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { labFiles, suiteSession } from './helpers.ts';

describe('the food-delivery playground', () => {
	const session = suiteSession();
	const { command } = session;

	test('runs the solution with a menu, a store and a payment service', async () => {
		await command({
			type: 'run',
			lab: 'food-delivery',
			files: labFiles('food-delivery', 'solution'),
		});
		const started = await session.events.next('started');
		assert.deepEqual(
			started.backends.map((backend) => backend.name),
			['store', 'payments'],
		);
		const body = JSON.stringify({
			customer: 'ana',
			items: [
				{ dish: 'pad-thai', quantity: 2 },
				{ dish: 'spring-rolls', quantity: 1 },
			],
		});
		await command({
			type: 'request',
			id: 'order',
			method: 'POST',
			path: '/orders',
			headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'ana-1' },
			body,
		});
		const placed = await session.events.next('response', (event) => event.id === 'order');
		assert.equal(placed.status, 201, placed.body);
		const order = JSON.parse(placed.body) as { totalCents: number; status: string };
		assert.equal(order.totalCents, 2 * 1150 + 600);
		assert.equal(order.status, 'paid');

		await command({
			type: 'request',
			id: 'bad',
			method: 'POST',
			path: '/orders',
			headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'ana-2' },
			body: JSON.stringify({ customer: 'ana', items: [{ dish: 'constructor', quantity: 1 }] }),
		});
		const refused = await session.events.next('response', (event) => event.id === 'bad');
		assert.equal(refused.status, 400, refused.body);

		await command({ type: 'stop' });
		await session.events.next('stopped');
	});
});
