// Runs every lab's solution and variants many times in a row with fresh seeds, and reports each run
// that did not pass, with its seed and failing checks, to find flaky checks before learners do.
// With --load N, N busy loops per core run beside the grader, as on a laptop with a browser open;
// with --fixtures, every fixture runs too and must fail its named check each time. With --scale F the
// time scale is not measured but set to F, as if this machine had been found F times slower than
// usual: every limit stretches by F on an idle machine, which finds the checks that mix stretched
// and fixed times (a stretched limit beside a fixed Retry-After let a wrong client pass in CI).
// Usage: npm run stress [-- --runs 20 --lab round-robin --load 2 --fixtures --scale 5]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLab, type RunResult } from '../src/harness/index.ts';
import { REFERENCE, scaleFrom } from '../src/harness/time-scale.ts';
import type { TimeScale } from '../src/shared/harness-events.ts';
import { MAX_FACTOR } from '../src/shared/scale-text.ts';
import { discoverLabs } from '../src/labs/index.ts';
import { startBusyLoad } from './lib/busy-load.ts';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '20' },
		lab: { type: 'string', multiple: true },
		load: { type: 'string', default: '0' },
		fixtures: { type: 'boolean', default: false },
		scale: { type: 'string' },
	},
});
const runs = Number(values.runs);
const load = Number(values.load);
if (!Number.isInteger(runs) || runs < 1) {
	console.error(`--runs needs a whole number of at least 1, got ${values.runs}`);
	process.exit(2);
}
if (!Number.isFinite(load) || load < 0 || load > 8) {
	console.error(`--load needs a number of busy loops per core from 0 to 8, got ${values.load}`);
	process.exit(2);
}
const factor = values.scale === undefined ? undefined : Number(values.scale);
if (factor !== undefined && !(Number.isFinite(factor) && factor >= 1 && factor <= MAX_FACTOR)) {
	console.error(`--scale needs a factor from 1 to ${MAX_FACTOR} (the cap), got ${values.scale}`);
	process.exit(2);
}
/** A forced scale, as if measured: start-up and CPU work that much slower than the reference. */
const timeScale: TimeScale | undefined =
	factor === undefined
		? undefined
		: scaleFrom(
				{ startMs: REFERENCE.startMs * factor, cpuMs: REFERENCE.cpuMs * factor },
				REFERENCE,
			);
const labs = (await discoverLabs()).filter(({ lab }) => !values.lab || values.lab.includes(lab.id));
if (labs.length === 0) {
	console.error(`No lab matches ${values.lab?.join(', ') ?? 'labs/*/checks.ts'}.`);
	process.exit(2);
}

const busy = startBusyLoad(load);
const stopLoad = () => void busy.stop().then(() => process.exit(130));
process.once('SIGINT', stopLoad);
process.once('SIGTERM', stopLoad);
if (busy.count > 0) console.log(`${busy.count} busy loops run beside the grader.`);

const factors: number[] = [];
let bad = 0;
const record = (result: RunResult) => factors.push(result.timeScale.factor);
try {
	for (const { lab, folder, variants, fixtures } of labs) {
		const programs = [{ name: 'solution', folder: join(folder, 'solution') }, ...variants];
		for (const program of programs) {
			const started = Date.now();
			let passed = 0;
			for (let i = 1; i <= runs; i++) {
				const result = await runLab(lab, {
					folder: program.folder,
					...(timeScale && { timeScale }),
				});
				record(result);
				if (result.passed) {
					passed++;
					continue;
				}
				bad++;
				console.log(`${lab.id}/${program.name} run ${i}: FAILED with seed ${result.seed}`);
				for (const check of result.checks.filter((c) => c.status === 'fail')) {
					console.log(`  ${check.id}: ${check.message ?? ''}`);
				}
			}
			const seconds = ((Date.now() - started) / 1000).toFixed(1);
			console.log(`${lab.id}/${program.name}: ${passed}/${runs} runs passed (${seconds} s)`);
		}
		if (!values.fixtures) continue;
		for (const fixture of fixtures) {
			for (let i = 1; i <= runs; i++) {
				const result = await runLab(lab, {
					folder: fixture.folder,
					only: [fixture.failsCheck],
					...(timeScale && { timeScale }),
				});
				record(result);
				const named = result.checks.find((check) => check.id === fixture.failsCheck);
				if (named?.status === 'fail') continue;
				bad++;
				console.log(
					`${lab.id}/fixtures/${fixture.name} run ${i}: PASSED ${fixture.failsCheck}, which must fail it (seed ${result.seed})`,
				);
			}
		}
		if (fixtures.length > 0) console.log(`${lab.id}: ${fixtures.length} fixtures judged`);
	}
} finally {
	await busy.stop();
}
const sorted = [...factors].sort((a, b) => a - b);
console.log(
	`time scale measured: ${sorted[0] ?? 1}× to ${sorted.at(-1) ?? 1}× (median ${sorted[Math.floor(sorted.length / 2)] ?? 1}×)`,
);
console.log(
	bad === 0
		? 'every run was judged right'
		: `${bad} runs were misjudged; replay one with npm run grade -- <lab> <folder> --seed N`,
);
process.exit(bad === 0 ? 0 : 1);
