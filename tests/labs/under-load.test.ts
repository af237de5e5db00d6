// The two labs whose checks judge time most closely, and whose solutions once failed on a busy
// machine, graded with busy loops beside the grader (two per core, as on a laptop running a browser
// and an editor): their solutions must still pass, and fixtures that break a timing rule must still
// fail on the check they name. The busy loops slow every suite that runs beside this one in CI, so
// it holds these two; `npm run stress -- --load 2 --fixtures` holds every lab to the same. Real
// programs, real busy loops, the real runner; the time scale is measured, not pinned.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { runLab, type RunResult } from '../../src/harness/index.ts';
import { startBusyLoad, type BusyLoad } from '../../scripts/lib/busy-load.ts';
import { discoverLabs } from '../../src/labs/index.ts';

/** The checks of each lab that judge a timing rule; fixtures caught by them are run here. */
const TIMING_CHECKS: Record<string, string[]> = {
	'health-checks': [
		'sends-health-checks',
		'uses-default-settings',
		'skips-failing-backend',
		'skips-stalled-backend',
		'returns-after-recovery',
		'no-healthy-backend-503',
	],
	'resilient-client': [
		'times-out-stalled-attempt',
		'backoff-with-jitter',
		'honours-retry-after',
		'uses-default-options',
	],
};

const labs = (await discoverLabs()).filter(({ lab }) => lab.id in TIMING_CHECKS);

function failures(result: RunResult): string {
	const failed = result.checks.filter((check) => check.status === 'fail');
	const list = failed.map((check) => `${check.id}: ${check.message ?? ''}`).join('; ');
	return `seed ${result.seed}, time scale ${result.timeScale.factor}×; failed: ${list || 'none'}`;
}

// Two programs are graded at once, beside the busy loops: the machine is busier still, which is the
// point, and the suite takes half the time, which CI needs.
describe('labs graded with two busy loops per core beside the grader', { concurrency: 2 }, () => {
	let load: BusyLoad;
	before(() => {
		load = startBusyLoad(2, 10 * 60_000);
	});
	after(() => load.stop());

	it('finds every lab named above', () =>
		assert.equal(labs.length, Object.keys(TIMING_CHECKS).length));

	for (const { lab, folder, fixtures } of labs) {
		const timing = TIMING_CHECKS[lab.id] ?? [];
		it(`${lab.id}: the solution passes every check`, async () => {
			const result = await runLab(lab, { folder: `${folder}/solution` });
			assert.ok(result.passed, failures(result));
		});
		const caught = fixtures.filter((fixture) => timing.includes(fixture.failsCheck));
		it(`${lab.id}: has fixtures that break timing rules`, () => assert.ok(caught.length >= 3));
		// One fixture for each of the first two timing checks that have one keeps this suite near
		// two minutes; `npm run stress -- --load 2 --fixtures` judges every fixture under load.
		const sample = timing
			.map((id) => caught.find((fixture) => fixture.failsCheck === id))
			.filter((fixture) => fixture !== undefined)
			.slice(0, 2);
		for (const fixture of sample) {
			it(`${lab.id}: fixture ${fixture.name} still fails ${fixture.failsCheck}`, async () => {
				const result = await runLab(lab, { folder: fixture.folder, only: [fixture.failsCheck] });
				const named = result.checks.find((check) => check.id === fixture.failsCheck);
				assert.equal(named?.status, 'fail', `${fixture.rule} — ${failures(result)}`);
			});
		}
	}
});
