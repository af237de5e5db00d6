import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { HarnessEvent } from '../../src/harness/types.ts';
import { labFiles, suiteSession } from './helpers.ts';

describe('running checks through the local runtime', () => {
	const session = suiteSession();
	const { command } = session;

	/** The harness events of one check run, in order, up to its `run-end`. */
	const checkRun = async (timeoutMs = 60_000): Promise<HarnessEvent[]> => {
		const seen: HarnessEvent[] = [];
		for (;;) {
			const { event } = await session.events.next('check', () => true, timeoutMs);
			seen.push(event);
			if (event.type === 'run-end') return seen;
		}
	};

	test('the solution streams every check and ends in a passing run-end', async () => {
		await command({
			type: 'check',
			lab: 'round-robin',
			files: labFiles('round-robin', 'solution'),
			seed: 7,
		});
		// A second Check press while the first runs is refused, not queued.
		await command({
			type: 'check',
			lab: 'round-robin',
			files: labFiles('round-robin', 'solution'),
		});
		const run = await checkRun();
		const [start] = run;
		assert.equal(start?.type, 'run-start');
		assert.equal(start.type === 'run-start' ? start.seed : undefined, 7);
		const ends = run.filter((event) => event.type === 'check-end');
		assert.ok(ends.length > 0 && ends.every((end) => end.status === 'pass'), JSON.stringify(ends));
		const end = run.at(-1);
		assert.ok(
			end?.type === 'run-end' && end.lab === 'round-robin' && end.passed,
			JSON.stringify(end),
		);
		const refused = session.events.all.find((event) => event.type === 'error');
		assert.match(refused?.type === 'error' ? refused.message : '', /Checks are already running/);
	});

	test('the starter ends in a failing run-end with a message per failed check', async () => {
		await command({ type: 'check', lab: 'round-robin', files: labFiles('round-robin', 'starter') });
		const run = await checkRun();
		const failed = run.filter((event) => event.type === 'check-end' && event.status === 'fail');
		assert.ok(failed.length > 0);
		for (const end of failed)
			assert.ok(end.type === 'check-end' && end.message, JSON.stringify(end));
		const end = run.at(-1);
		assert.ok(end?.type === 'run-end' && !end.passed, JSON.stringify(end));
	});
});
