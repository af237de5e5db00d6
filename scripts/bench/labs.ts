// Times each lab's full check suite on its solution, on this machine as it is and again with busy
// loops beside the grader (two per core, as on a laptop running a browser and an editor), and
// prints the time scale the harness measured in each condition. Targets: each lab under 2 s idle
// (median), all of them under 1.5 s each on average (the issue's 15 s for the ten labs it knew),
// and under load each suite under 3× its idle time. Figures only;
// it never fails the build. Usage: node scripts/bench/labs.ts [--runs 5] [--load-runs 3] [--load 2]
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { runLab, type LabDefinition } from '../../src/harness/index.ts';
import { discoverLabs } from '../../src/labs/index.ts';
import { startBusyLoad } from '../lib/busy-load.ts';

const PER_LAB_TARGET_MS = 2000;
/** The issue asked for all ten labs of its time under 15 s: 1.5 s a lab on average. */
const AVERAGE_TARGET_MS = 1500;
const LOAD_RATIO_TARGET = 3;

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '5' },
		'load-runs': { type: 'string', default: '3' },
		load: { type: 'string', default: '2' },
	},
});
const runs = Math.max(1, Number(values.runs) || 5);
const loadRuns = Math.max(0, Number(values['load-runs']) || 0);
const perCore = Math.max(0, Number(values.load) || 0);

function median(list: number[]): number {
	const sorted = [...list].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 === 1
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

interface Timing {
	medianMs: number;
	factor: number;
	failedRuns: number;
	/** Median time from the start of a run to its first check: measuring the machine. */
	measureMs: number;
	/** The check with the longest median duration, which bounds the suite however wide it runs. */
	longest: { id: string; ms: number };
}

async function time(
	lab: LabDefinition,
	folder: string,
	count: number,
	label: string,
): Promise<Timing> {
	const times: number[] = [];
	const factors: number[] = [];
	const measures: number[] = [];
	const checkTimes = new Map<string, number[]>();
	let failedRuns = 0;
	for (let i = 0; i < count; i++) {
		const started = performance.now();
		const result = await runLab(lab, {
			folder: join(folder, 'solution'),
			onEvent: (event) => {
				if (event.type === 'run-start') measures.push(performance.now() - started);
			},
		});
		times.push(performance.now() - started);
		factors.push(result.timeScale.factor);
		for (const check of result.checks) {
			checkTimes.set(check.id, [...(checkTimes.get(check.id) ?? []), check.durationMs]);
		}
		if (result.passed) continue;
		failedRuns++;
		const failed = result.checks.filter((check) => check.status === 'fail');
		console.log(
			`${lab.id} (${label}): a run did not pass (seed ${result.seed}): ${failed.map((c) => `${c.id}: ${c.message ?? ''}`).join('; ')}`,
		);
	}
	const longest = { id: '', ms: 0 };
	for (const [id, list] of checkTimes) {
		if (median(list) > longest.ms) Object.assign(longest, { id, ms: median(list) });
	}
	return {
		medianMs: median(times),
		factor: Math.round(median(factors) * 10) / 10,
		failedRuns,
		measureMs: median(measures),
		longest,
	};
}

const labs = await discoverLabs();
const idle = new Map<string, Timing>();
for (const { lab, folder } of labs) idle.set(lab.id, await time(lab, folder, runs, 'idle'));
const loaded = new Map<string, Timing>();
if (loadRuns > 0 && perCore > 0) {
	const busy = startBusyLoad(perCore, 20 * 60_000);
	try {
		for (const { lab, folder } of labs) {
			loaded.set(lab.id, await time(lab, folder, loadRuns, 'under load'));
		}
	} finally {
		await busy.stop();
	}
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const mark = (ok: boolean) => (ok ? 'ok' : 'OVER');
console.log(
	`Lab check suites on their solutions: median of ${runs} runs idle, of ${loadRuns} with ${perCore} busy loops per core`,
);
console.log(
	`${'lab'.padEnd(22)}${'idle'.padStart(9)}${'scale'.padStart(7)}  < 2 s${'loaded'.padStart(10)}${'scale'.padStart(7)}  < 3× idle`,
);
for (const { lab } of labs) {
	const calm = idle.get(lab.id) as Timing;
	const busy = loaded.get(lab.id);
	const failed = calm.failedRuns + (busy?.failedRuns ?? 0);
	const ratio = busy ? busy.medianMs / calm.medianMs : undefined;
	console.log(
		`${lab.id.padEnd(22)}${seconds(calm.medianMs).padStart(9)}${`${calm.factor}×`.padStart(7)}  ${mark(calm.medianMs < PER_LAB_TARGET_MS).padEnd(4)}` +
			(busy && ratio !== undefined
				? `${seconds(busy.medianMs).padStart(10)}${`${busy.factor}×`.padStart(7)}  ${ratio.toFixed(1)}× ${mark(ratio < LOAD_RATIO_TARGET)}`
				: '') +
			`  measuring ${seconds(calm.measureMs)}, longest check ${calm.longest.id} ${seconds(calm.longest.ms)}` +
			(failed > 0 ? `  (${failed} runs did not pass)` : ''),
	);
}
const total = [...idle.values()].reduce((sum, timing) => sum + timing.medianMs, 0);
const allTargetMs = AVERAGE_TARGET_MS * labs.length;
console.log(
	`${'all labs, idle'.padEnd(22)}${seconds(total).padStart(9)}         < ${seconds(allTargetMs)} (1.5 s a lab) ${mark(total < allTargetMs)}`,
);
