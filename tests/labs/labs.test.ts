// Every lab, found on disk: its solution and every variant pass every check, its starter fails, and
// each fixture (a program that breaks one sentence of the contract) fails on the check that its
// FIXTURE.json names, with the message recorded there (normalised; `npm run fixtures:record`
// records it again; docs/fixtures.md). Set LABS_SEED to replay a run; every failure prints the seed
// it used. Fixtures always run with the seed their messages were recorded with, so LABS_SEED does
// not change them.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runLab, type RunResult } from '../../src/harness/index.ts';
import { discoverLabs } from '../../src/labs/index.ts';
import {
	messageMismatch,
	readExpectedMessage,
	runFixture,
} from '../../src/labs/fixture-messages.ts';

const labs = await discoverLabs();
const fixedSeed =
	process.env['LABS_SEED'] === undefined ? undefined : Number(process.env['LABS_SEED']);

/** How many of a lab's programs are graded at once. A check spends most of its time waiting (for
 * an interval, a timeout, a backoff), so three at once finish in about half the time of one; each
 * run measures the machine as it finds it and stretches its limits, which is what every learner's
 * busy laptop needs anyway. LABS_CONCURRENCY=1 grades one at a time. */
const concurrency = Math.max(1, Number(process.env['LABS_CONCURRENCY'] ?? 3) || 1);

function failures(result: RunResult): string {
	const failed = result.checks.filter((check) => check.status === 'fail');
	const list = failed.map((check) => `${check.id}: ${check.message ?? ''}`).join('; ');
	return `seed ${result.seed} (replay with LABS_SEED=${result.seed}); failed: ${list || 'none'}`;
}

function run(lab: Parameters<typeof runLab>[0], folder: string): Promise<RunResult> {
	return runLab(lab, { folder, ...(fixedSeed === undefined ? {} : { seed: fixedSeed }) });
}

it('finds the labs', () => {
	assert.ok(labs.length > 0, 'no labs/<id>/checks.ts found');
});

for (const { lab, folder, fixtures, variants } of labs) {
	describe(`lab ${lab.id}`, { concurrency }, () => {
		it('solution passes every check', async () => {
			const result = await run(lab, `${folder}/solution`);
			assert.ok(result.passed, failures(result));
		});

		it('starter fails', async () => {
			const result = await run(lab, `${folder}/starter`);
			assert.equal(
				result.passed,
				false,
				'the starter passes every check; it should leave work to do',
			);
		});

		for (const variant of variants) {
			it(`variant ${variant.name} passes every check`, async () => {
				const result = await run(lab, variant.folder);
				assert.ok(result.passed, failures(result));
			});
		}

		// A fixture runs only the check that must catch it: that is the claim, and it keeps this fast.
		// The same run's message is compared with the recorded one, so pinning it costs no second run.
		for (const fixture of fixtures) {
			it(`fixture ${fixture.name} fails ${fixture.failsCheck}`, async () => {
				const { result, check } = await runFixture(lab, fixture);
				assert.equal(
					check?.status,
					'fail',
					`it breaks "${fixture.rule}" but ${fixture.failsCheck} passed (seed ${result.seed})`,
				);
				assert.doesNotMatch(
					check.message ?? '',
					/^grader error/,
					`the check itself broke: ${check.message}`,
				);
				const expected = readExpectedMessage(fixture);
				const mismatch = messageMismatch(lab.id, fixture, expected, check.message ?? '');
				if (mismatch) assert.fail(mismatch);
			});
		}
	});
}
