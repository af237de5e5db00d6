// The simulator's balancer must route exactly as the load-balancing lesson describes each
// algorithm, or the page would teach the wrong thing; these tests pin each rule.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	createBalancer,
	ipHash,
	runHealthChecks,
	send,
	setUp,
	type Balancer,
} from '../../src/client/simulator/balancer.ts';

const names = ['A', 'B', 'C'];
const ip = '203.0.113.5';

function route(b: Balancer, count: number, from = ip, duration = 1): (string | undefined)[] {
	return Array.from({ length: count }, () => send(b, from, duration).server);
}

describe('round robin', () => {
	test('sends each request to the next server in turn', () => {
		assert.deepEqual(route(createBalancer(names), 7), ['A', 'B', 'C', 'A', 'B', 'C', 'A']);
	});

	test('keeps sending to a stopped server, which fails with 502, until health checks take it out', () => {
		const b = createBalancer(names);
		setUp(b, 'B', false);
		assert.deepEqual(
			[send(b, ip), send(b, ip)].map((e) => [e.server, e.status]),
			[
				['A', 200],
				['B', 502],
			],
		);
		runHealthChecks(b);
		assert.equal(b.servers[1]?.healthy, true, 'one failed check is not enough');
		runHealthChecks(b);
		assert.equal(b.servers[1]?.healthy, false);
		assert.deepEqual(route(b, 4), ['C', 'A', 'C', 'A']);
	});

	test('takes a server back after two passed checks in a row, not one', () => {
		const b = createBalancer(names);
		setUp(b, 'C', false);
		runHealthChecks(b);
		runHealthChecks(b);
		setUp(b, 'C', true);
		const first = runHealthChecks(b);
		assert.deepEqual(first[2], { server: 'C', passed: true, healthy: false, changed: false });
		const checks = runHealthChecks(b);
		assert.deepEqual(checks[2], { server: 'C', passed: true, healthy: true, changed: true });
		assert.deepEqual(route(b, 3), ['A', 'B', 'C']);
	});

	test('answers 503 itself when no server is in rotation', () => {
		const b = createBalancer(names);
		for (const name of names) setUp(b, name, false);
		runHealthChecks(b);
		runHealthChecks(b);
		const event = send(b, ip);
		assert.equal(event.status, 503);
		assert.equal(event.server, undefined);
	});
});

describe('least connections', () => {
	test('avoids a server busy with slow requests until they finish', () => {
		const b = createBalancer(names, 'least-connections');
		// Two slow requests (open for 5 ticks) land on A and B; quick ones then all go to C.
		assert.deepEqual(route(b, 2, ip, 5), ['A', 'B']);
		assert.deepEqual(route(b, 3), ['C', 'C', 'C']);
		// Once the slow requests have ended, the three servers tie again and take turns.
		assert.deepEqual(route(b, 3), ['A', 'B', 'C']);
	});

	test('takes turns among servers that tie, instead of always picking the first', () => {
		assert.deepEqual(route(createBalancer(names, 'least-connections'), 4), ['A', 'B', 'C', 'A']);
	});
});

describe('IP hash', () => {
	test('sends every request from one address to the same server, the hash modulo the count', () => {
		const b = createBalancer(names, 'ip-hash');
		const home = names[ipHash(ip) % names.length];
		assert.deepEqual(route(b, 4), [home, home, home, home]);
	});

	test('spreads different addresses, and always maps each one the same way', () => {
		const ips = ['203.0.113.5', '198.51.100.7', '192.0.2.44', '203.0.113.77', '198.51.100.200'];
		const first = ips.map((address) => send(createBalancer(names, 'ip-hash'), address).server);
		const again = ips.map((address) => send(createBalancer(names, 'ip-hash'), address).server);
		assert.deepEqual(again, first);
		assert.ok(new Set(first).size > 1, `all of ${ips.join(', ')} went to ${first[0]}`);
	});

	test('moves a client to the next server while its own is out of rotation, and back after', () => {
		const b = createBalancer(names, 'ip-hash');
		const home = ipHash(ip) % names.length;
		const homeName = names[home]!;
		setUp(b, homeName, false);
		runHealthChecks(b);
		runHealthChecks(b);
		const moved = send(b, ip);
		assert.equal(moved.server, names[(home + 1) % names.length]);
		assert.match(moved.why, new RegExp(`maps to ${homeName}, which is out of rotation`));
		setUp(b, homeName, true);
		runHealthChecks(b);
		runHealthChecks(b);
		assert.equal(send(b, ip).server, homeName);
	});
});
