// Times each lab's full check suite on its solution: the median of 5 runs, beside the targets
// (under 3 s per lab, under 15 s for all of them). Figures only; it never fails the build.
// Usage: node scripts/bench/labs.ts [--runs 5]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLab } from '../../src/harness/index.ts';
import { discoverLabs } from '../../tests/labs/discover.ts';

const PER_LAB_TARGET_MS = 3000;
const ALL_LABS_TARGET_MS = 15000;

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' } } });
const runs = Math.max(1, Number(values.runs) || 5);

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

const rows: { id: string; checks: number; medianMs: number; failedRuns: number }[] = [];
for (const { lab, folder } of await discoverLabs()) {
	const times: number[] = [];
	let failedRuns = 0;
	for (let i = 0; i < runs; i++) {
		const started = performance.now();
		const result = await runLab(lab, { folder: join(folder, 'solution') });
		times.push(performance.now() - started);
		if (!result.passed) {
			failedRuns++;
			const failed = result.checks.filter((check) => check.status === 'fail');
			console.log(
				`${lab.id}: a run did not pass (seed ${result.seed}): ${failed.map((c) => `${c.id}: ${c.message ?? ''}`).join('; ')}`,
			);
		}
	}
	rows.push({ id: lab.id, checks: lab.checks.length, medianMs: median(times), failedRuns });
}

const mark = (ms: number, target: number) => (ms < target ? 'ok' : 'OVER');
console.log(`Lab check suites on their solutions, median of ${runs} runs`);
console.log(`${'lab'.padEnd(16)}${'checks'.padStart(7)}${'median'.padStart(10)}  target`);
for (const row of rows) {
	const note = row.failedRuns > 0 ? `  (${row.failedRuns} runs did not pass)` : '';
	console.log(
		`${row.id.padEnd(16)}${String(row.checks).padStart(7)}${`${(row.medianMs / 1000).toFixed(2)} s`.padStart(10)}  < 3 s ${mark(row.medianMs, PER_LAB_TARGET_MS)}${note}`,
	);
}
const total = rows.reduce((sum, row) => sum + row.medianMs, 0);
console.log(
	`${'all labs'.padEnd(16)}${String(rows.reduce((n, r) => n + r.checks, 0)).padStart(7)}${`${(total / 1000).toFixed(2)} s`.padStart(10)}  < 15 s ${mark(total, ALL_LABS_TARGET_MS)}`,
);
