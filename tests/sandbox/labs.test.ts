// Labs judged inside the sandbox exactly as outside it: for two labs (CI time is limited), the
// solution and a variant pass every check, and a few fixtures each fail the check their
// FIXTURE.json names. tests/labs/labs.test.ts holds every lab to the same outside the sandbox.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { deadlineFor } from '../../src/harness/deadline.ts';
import { runLabSandboxed } from '../../src/sandbox/run-lab.ts';
import type { LabDefinition, RunResult } from '../../src/harness/index.ts';
import { randomSeed } from '../../src/harness/random.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import { discoverLabs } from '../../src/labs/index.ts';

const LABS = ['orders-api', 'round-robin'];
/** Fixtures per lab, the first by name: enough to show that failures survive the sandbox. */
const FIXTURES = 4;

const support = sandboxSupport();
const labs = (await discoverLabs()).filter(({ lab }) => LABS.includes(lab.id));

function grade(lab: LabDefinition, folder: string, only?: string[]): Promise<RunResult> {
	if (!support.ok) throw new Error(`the sandbox cannot start here: ${support.why}`);
	const seed = randomSeed();
	return runLabSandboxed(lab, {
		support,
		folder,
		seed,
		deadlineMs: deadlineFor(lab),
		...(only ? { only } : {}),
	});
}

function failures(result: RunResult): string {
	const failed = result.checks.filter((check) => check.status === 'fail');
	return `seed ${result.seed}; failed: ${failed.map((c) => `${c.id}: ${c.message ?? ''}`).join('; ') || 'none'}`;
}

it('finds the labs and can start the sandbox', () => {
	assert.deepEqual(labs.map(({ lab }) => lab.id).sort(), LABS);
	assert.ok(support.ok, support.ok ? '' : support.why);
});

for (const { lab, folder, fixtures, variants } of labs) {
	describe(`lab ${lab.id} in the sandbox`, () => {
		it('solution and a variant pass every check', async () => {
			const folders = [`${folder}/solution`, ...variants.slice(0, 1).map((v) => v.folder)];
			const results = await Promise.all(folders.map((f) => grade(lab, f)));
			for (const result of results) {
				assert.ok(result.passed, failures(result));
				assert.ok(result.checks.every((check) => check.status === 'pass'));
			}
		});

		for (const fixture of fixtures.slice(0, FIXTURES)) {
			it(`fixture ${fixture.name} fails ${fixture.failsCheck}`, async () => {
				const result = await grade(lab, fixture.folder, [fixture.failsCheck]);
				const check = result.checks.find((c) => c.id === fixture.failsCheck);
				assert.equal(check?.status, 'fail', `it breaks "${fixture.rule}" (seed ${result.seed})`);
				assert.doesNotMatch(check.message ?? '', /sandbox ended|grader error/);
			});
		}
	});
}
