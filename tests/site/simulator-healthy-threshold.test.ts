// The simulator puts a server back only after the healthy threshold the health-checks lesson
// teaches (two passed checks in a row), and a failure on the way back starts the count again.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
	createBalancer,
	healthyAfter,
	runHealthChecks,
	send,
	setUp,
	unhealthyAfter,
} from '../../src/client/simulator/balancer.ts';

const names = ['A', 'B', 'C'] as const;

function takeOut(name: string) {
	const b = createBalancer(names);
	setUp(b, name, false);
	for (let round = 0; round < unhealthyAfter; round++) runHealthChecks(b);
	assert.equal(b.servers.find((s) => s.name === name)?.healthy, false);
	return b;
}

describe('healthy threshold', () => {
	test("uses the lesson's threshold of two passed checks", () => {
		assert.equal(healthyAfter, 2);
	});

	test('keeps a recovered server out after one passed check, and takes it back after two', () => {
		const b = takeOut('C');
		setUp(b, 'C', true);
		const first = runHealthChecks(b);
		assert.deepEqual(first[2], { server: 'C', passed: true, healthy: false, changed: false });
		const servers = Array.from({ length: 4 }, () => send(b, '203.0.113.5').server);
		assert.ok(!servers.includes('C'), `C got a request after one pass: ${servers.join(', ')}`);
		const second = runHealthChecks(b);
		assert.deepEqual(second[2], { server: 'C', passed: true, healthy: true, changed: true });
	});

	test('starts counting again when a check fails on the way back', () => {
		const b = takeOut('B');
		setUp(b, 'B', true);
		runHealthChecks(b);
		setUp(b, 'B', false);
		runHealthChecks(b);
		setUp(b, 'B', true);
		assert.equal(runHealthChecks(b)[1]?.healthy, false, 'one pass after a failure is not enough');
		assert.equal(runHealthChecks(b)[1]?.healthy, true);
	});
});
