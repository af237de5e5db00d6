// `fixtures:record -- --check --sandbox` without running a lab: the sweep itself is too long for CI
// (docs/grading.md, In the sandbox), so this holds only what it rests on: the runner it passes
// judges each fixture with the fixed seed and its named check, and it never records.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { it } from 'node:test';
import type { LabDefinition, RunResult } from '../../src/harness/index.ts';
import {
	FIXTURE_MESSAGE_SEED,
	runFixture,
	type LabRunner,
} from '../../src/labs/fixture-messages.ts';

it('runFixture hands the runner it is given the fixed seed and only the named check', async () => {
	const calls: Parameters<LabRunner>[1][] = [];
	const run: LabRunner = (lab, options) => {
		calls.push(options);
		const end = { type: 'check-end', id: 'named', status: 'fail', message: 'wrong' };
		return Promise.resolve({ lab: lab.id, checks: [end] } as unknown as RunResult);
	};
	const lab = { id: 'some-lab', checks: [] } as unknown as LabDefinition;
	const fixture = { folder: '/nowhere/fixture', name: 'fixture', failsCheck: 'named' };
	const { check } = await runFixture(lab, fixture, run);
	assert.deepEqual(calls, [
		{ folder: '/nowhere/fixture', seed: FIXTURE_MESSAGE_SEED, only: ['named'] },
	]);
	assert.equal(check?.message, 'wrong');
});

it('--sandbox without --check is refused, since messages are recorded outside the sandbox', () => {
	const ran = spawnSync(
		process.execPath,
		['scripts/record-fixture-messages.ts', '--sandbox', 'round-robin'],
		{ encoding: 'utf8', timeout: 30_000 },
	);
	assert.equal(ran.status, 2, ran.stderr);
	assert.match(ran.stderr, /--sandbox only compares: use it with --check/);
});
