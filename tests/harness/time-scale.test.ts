// The time scale: measured from real Node starts and real computation on this machine, made slow on
// purpose with busy loops; bounded, so a hang never turns into an endless wait; and applied by the
// runner to every limit it owns, with a timing miss confirmed before it is reported.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pathToFileURL } from 'node:url';
import { describe, it } from 'node:test';
import {
	defineLab,
	describeScale,
	MAX_FACTOR,
	runLab,
	type Check,
	type TimeScale,
} from '../../src/harness/index.ts';
import { measureTimeScale, scaleFrom, UNIT_SCALE } from '../../src/harness/time-scale.ts';
import { startBusyLoad } from '../../scripts/lib/busy-load.ts';
import { programs } from './helpers.ts';

/** A reference no machine reaches, so a measurement reports its raw figures with a factor of 1. */
const UNREACHABLE = { startMs: 1e9, cpuMs: 1e9 };

const echo = join(programs, 'echo');
const lab = (checks: Check[]) =>
	defineLab({ id: 'scale-lab', title: 'Scale', entry: 'server.js', checks });
const pinned = (factor: number): TimeScale => ({ ...UNIT_SCALE, factor });

describe('the time scale', () => {
	it('measures a machine made slow by busy loops as slower than the same machine without them', async () => {
		// Calm and busy measurements take turns, so a machine whose own load drifts meanwhile (CI runs
		// other suites beside this one) moves both alike; eight loops per core stand out even on a
		// machine that is already busy.
		const calm: TimeScale[] = [];
		const loaded: TimeScale[] = [];
		let loops = 0;
		for (let round = 0; round < 3; round++) {
			calm.push(await measureTimeScale({ reference: UNREACHABLE }));
			const busy = startBusyLoad(8, 60_000);
			loops = busy.count;
			try {
				loaded.push(await measureTimeScale({ reference: UNREACHABLE }));
			} finally {
				await busy.stop();
			}
		}
		const middle = (runs: TimeScale[]) =>
			[...runs].sort((a, b) => a.startMs - b.startMs)[1] as TimeScale;
		const [quiet, slowed] = [middle(calm), middle(loaded)];
		const factor = scaleFrom(slowed, quiet).factor;
		assert.ok(
			factor >= 1.5,
			`with ${loops} busy loops, Node started in ${slowed.startMs} ms against ${quiet.startMs} ms and the computation took ${slowed.cpuMs} ms against ${quiet.cpuMs} ms: factor ${factor}`,
		);
	});

	it('never goes below 1 on a machine faster than the reference, and says nothing then', async () => {
		const scale = await measureTimeScale({ reference: UNREACHABLE });
		assert.equal(scale.factor, 1);
		assert.equal(scale.capped, false);
		assert.ok(scale.startMs > 0 && scale.cpuMs > 0, JSON.stringify(scale));
		assert.equal(describeScale(scale), undefined);
	});

	it(`is capped at ${MAX_FACTOR}× however slow the machine looks, and the report says so`, async () => {
		// Against a reference a thousand times faster than any machine, this one looks far past the cap.
		const scale = await measureTimeScale({ reference: { startMs: 0.01, cpuMs: 0.001 } });
		assert.deepEqual([scale.factor, scale.capped], [MAX_FACTOR, true]);
		assert.match(
			describeScale(scale) ?? '',
			new RegExp(`more than ${MAX_FACTOR}× slower than usual`),
		);
		const slow = scaleFrom({ startMs: 100, cpuMs: 7 }, { startMs: 40, cpuMs: 7 });
		assert.deepEqual([slow.factor, slow.capped], [2.5, false]);
		assert.equal(
			describeScale(slow),
			'This machine ran 2.5× slower than usual; time limits were stretched to match.',
		);
	});
});

/** Whether a process is alive and not yet reaped: a zombie has finished all it will do. */
function running(pid: number): boolean {
	const stat = `/proc/${pid}/stat`;
	if (!existsSync(stat)) return false;
	try {
		return !/^\d+ \(.*\) Z/.test(readFileSync(stat, 'utf8'));
	} catch {
		return false;
	}
}

describe('measuring the machine', () => {
	it('leaves no probe behind when the process that measures exits in the middle', async () => {
		// The measuring process exits the moment its probe has listened and said so, before it can
		// stop the probe: what a session told to stop or a grader killed by its caller does. Its
		// spawn is wrapped only to learn the probe's pid; the probe itself is the real one.
		const source = `
			import childProcess from 'node:child_process';
			import { syncBuiltinESMExports } from 'node:module';
			const spawn = childProcess.spawn;
			childProcess.spawn = (...args) => {
				const probe = spawn(...args);
				probe.stdout.on('data', () => {
					process.stdout.write(probe.pid + '\\n');
					process.exit(0);
				});
				return probe;
			};
			syncBuiltinESMExports();
			const { measureTimeScale } = await import(${JSON.stringify(
				pathToFileURL('src/harness/time-scale.ts').href,
			)});
			await measureTimeScale();`;
		const output = execFileSync(process.execPath, ['--input-type=module', '-e', source], {
			encoding: 'utf8',
			timeout: 30_000,
		});
		const pid = Number(output.trim());
		assert.ok(Number.isInteger(pid) && pid > 0, `no probe pid in ${JSON.stringify(output)}`);
		try {
			// The probe ends by itself within moments; a few seconds allow for a busy machine.
			for (let i = 0; i < 100 && running(pid); i++) await sleep(100);
			assert.equal(running(pid), false, `the probe (pid ${pid}) still runs after its parent left`);
		} finally {
			if (running(pid)) process.kill(pid, 'SIGKILL');
		}
	});
});

describe('the runner under a time scale', () => {
	it("stretches a check's own time limit and tells the check its factor", async () => {
		let seen = 0;
		const slowCheck: Check = {
			id: 'slow',
			title: 'Takes 400 ms against a 250 ms limit',
			timeoutMs: 250,
			async run(ctx) {
				seen = ctx.time.factor;
				await ctx.sleep(400);
			},
		};
		const stretched = await runLab(lab([slowCheck]), {
			folder: echo,
			timeScale: pinned(3),
			measure: async () => pinned(3),
		});
		assert.equal(stretched.checks[0]?.status, 'pass', stretched.checks[0]?.message);
		assert.equal(seen, 3);
		assert.deepEqual(stretched.timeScale, pinned(3));
		const plain = await runLab(lab([slowCheck]), {
			folder: echo,
			timeScale: UNIT_SCALE,
			measure: async () => UNIT_SCALE,
		});
		assert.equal(plain.checks[0]?.message, 'The check did not finish within 250 ms');
	});

	it('runs a check that missed a timing bound once more, and reports the second verdict', async () => {
		let runs = 0;
		let measured = 0;
		const flaky: Check = {
			id: 'flaky',
			title: 'Misses its bound the first time only',
			async run(ctx) {
				runs++;
				if (runs === 1) ctx.failTiming('Expected an answer within 100 ms, but it took 180 ms');
			},
		};
		const result = await runLab(lab([flaky]), {
			folder: echo,
			timeScale: UNIT_SCALE,
			measure: async () => (measured++, pinned(1.6)),
		});
		assert.equal(runs, 2);
		assert.equal(measured, 1, 'the machine is measured again before the second run');
		assert.deepEqual(
			[result.passed, result.checks[0]?.status, result.checks[0]?.retried],
			[true, 'pass', true],
		);
		assert.equal(result.timeScale.factor, 1.6, 'the run reports the larger scale it used');
	});

	it('fails a check that misses its timing bound twice, saying it was confirmed', async () => {
		let runs = 0;
		const wrong: Check = {
			id: 'wrong',
			title: 'Always misses its bound',
			async run(ctx) {
				runs++;
				ctx.failTiming(
					`Expected a wait of at least 300 ms, but it came ${ctx.time.factor === 2 ? 5 : 4} ms later`,
				);
			},
		};
		const result = await runLab(lab([wrong]), {
			folder: echo,
			timeScale: UNIT_SCALE,
			measure: async () => pinned(2),
		});
		assert.equal(runs, 2);
		assert.equal(
			result.checks[0]?.message,
			'Expected a wait of at least 300 ms, but it came 5 ms later (confirmed: the check failed again when run a second time, with time limits stretched 2.0×)',
		);
	});

	it('does not run again a check that failed on what the program answered, nor a wait on an unchanged machine', async () => {
		let runs = 0;
		const checks: Check[] = [
			{
				id: 'wrong-answer',
				title: 'Fails on an answer',
				async run(ctx) {
					runs++;
					ctx.fail('Expected status 404, got 200');
				},
			},
			{
				id: 'hangs',
				title: 'Runs out of time',
				timeoutMs: 150,
				async run(ctx) {
					runs++;
					await ctx.sleep(2000);
				},
			},
		];
		const result = await runLab(lab(checks), {
			folder: echo,
			timeScale: UNIT_SCALE,
			measure: async () => pinned(1.1),
		});
		assert.equal(runs, 2, 'each check ran once');
		assert.deepEqual(
			result.checks.map((check) => [check.status, check.retried, check.message]),
			[
				['fail', undefined, 'Expected status 404, got 200'],
				['fail', undefined, 'The check did not finish within 150 ms'],
			],
		);
	});

	it('runs a wait again when the machine has meanwhile become markedly slower', async () => {
		let runs = 0;
		const hang: Check = {
			id: 'late',
			title: 'Finishes in 300 ms',
			timeoutMs: 150,
			async run(ctx) {
				runs++;
				await ctx.sleep(300);
			},
		};
		const result = await runLab(lab([hang]), {
			folder: echo,
			timeScale: UNIT_SCALE,
			measure: async () => pinned(3),
		});
		assert.equal(runs, 2);
		assert.deepEqual([result.checks[0]?.status, result.checks[0]?.retried], ['pass', true]);
	});
});
