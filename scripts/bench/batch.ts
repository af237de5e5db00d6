// Times `grade --batch` on a class of 30 learners × 4 labs, with the labs' own solutions, variants
// and broken fixtures as submissions: wall time and the peak memory of the batch with every grader
// and program it started (resident memory summed from /proc), beside the target of 60 s.
// Figures only; it never fails the build.
// With --bundle it also runs the batch from the bundled grader, whose graders start faster than
// ones that load the TypeScript sources.
// Usage: node scripts/bench/batch.ts [--learners 30] [--labs a,b|all] [--jobs 2,4] [--bundle]
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv, type CsvRow } from '../../src/grader/batch-csv.ts';
import { descendants } from '../../src/grader/process-tree.ts';
import { discoverLabs } from '../../tests/labs/discover.ts';

const TARGET_MS = 60_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'src', 'grader', 'cli.ts');
const buildScript = join(root, 'scripts', 'build-harness.ts');
const PAGE_BYTES = 4096;

const { values } = parseArgs({
	options: {
		learners: { type: 'string', default: '30' },
		jobs: { type: 'string', default: String(availableParallelism()) },
		labs: { type: 'string', default: 'orders-api,round-robin,caching,health-checks' },
		bundle: { type: 'boolean', default: false },
	},
});
const learners = Math.max(1, Number(values.learners) || 30);
const jobsList = values.jobs
	.split(',')
	.map(Number)
	.filter((n) => n >= 1);

const scratch = mkdtempSync(join(tmpdir(), 'bench-batch-'));
const classDir = join(scratch, 'class');
const labs = (await discoverLabs()).filter(
	({ lab }) => values.labs === 'all' || values.labs.split(',').includes(lab.id),
);
const labWidth = Math.max(6, ...labs.map(({ lab }) => lab.id.length + 2));
// Every lab's correct programs first, then its broken ones, dealt out in turn, so the class mixes
// passing and failing submissions the way a real one does.
for (const { lab, folder, fixtures, variants } of labs) {
	const pool = [
		join(folder, 'solution'),
		...variants.map((v) => v.folder),
		...fixtures.map((f) => f.folder),
	];
	for (let i = 0; i < learners; i++) {
		const learner = `learner-${String(i + 1).padStart(2, '0')}`;
		cpSync(pool[i % pool.length] as string, join(classDir, learner, lab.id), { recursive: true });
	}
}

function residentBytes(pid: number): number {
	try {
		return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * PAGE_BYTES;
	} catch {
		return 0;
	}
}

/** Processor time of the process and of every child it has reaped (graders, and through them
 * the learner programs), in ms; Linux counts it in ticks of 10 ms. */
function cpuMs(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		return [11, 12, 13, 14].reduce((sum, i) => sum + Number(fields[i]), 0) * 10;
	} catch {
		return undefined;
	}
}

interface Row {
	name: string;
	wallMs: number;
	cpuMs: number;
	peakBytes: number;
	peakProcesses: number;
	results: CsvRow[];
}

async function measure(name: string, grader: string, jobs: number): Promise<Row> {
	const out = join(scratch, `out-${name.replace(/\W+/g, '-')}`);
	const started = performance.now();
	const child = spawn(
		process.execPath,
		[grader, '--batch', classDir, '--out', out, '--jobs', String(jobs), '--seed', '1'],
		{ stdio: ['ignore', 'ignore', 'inherit'] },
	);
	const pid = child.pid ?? -1;
	let peakBytes = 0;
	let peakProcesses = 0;
	let cpu = 0;
	const sampler = setInterval(() => {
		const tree = [pid, ...descendants(pid).map((p) => p.pid)];
		peakBytes = Math.max(
			peakBytes,
			tree.reduce((sum, each) => sum + residentBytes(each), 0),
		);
		peakProcesses = Math.max(peakProcesses, tree.length);
		cpu = cpuMs(pid) ?? cpu;
	}, 200);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const wallMs = performance.now() - started;
	const results = parseCsv(readFileSync(join(out, 'results.csv'), 'utf8'));
	return { name, wallMs, cpuMs: cpu, peakBytes, peakProcesses, results };
}

const rows: Row[] = [];
try {
	const graders: [string, string][] = [['sources', cli]];
	if (values.bundle) {
		const bundle = join(scratch, 'grader.mjs');
		execFileSync(process.execPath, [buildScript, '--out', bundle], { stdio: 'ignore' });
		graders.push(['bundle', bundle]);
	}
	for (const jobs of jobsList) {
		for (const [kind, grader] of graders)
			rows.push(await measure(`${kind}, ${jobs} jobs`, grader, jobs));
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
	`Batch grading: ${learners} learners × ${labs.length} labs on ${availableParallelism()} cores`,
);
console.log(
	`${'grader'.padEnd(18)}${'graded'.padStart(7)}${'passed'.padStart(7)}${'wall'.padStart(9)}` +
		`${'CPU'.padStart(9)}${'peak RSS'.padStart(10)}${'procs'.padStart(7)}  target`,
);
for (const row of rows) {
	const passed = row.results.filter((r) => r.passed).length;
	console.log(
		`${row.name.padEnd(18)}${String(row.results.length).padStart(7)}${String(passed).padStart(7)}` +
			`${s(row.wallMs).padStart(9)}${s(row.cpuMs).padStart(9)}` +
			`${`${(row.peakBytes / 1024 / 1024).toFixed(0)} MB`.padStart(10)}` +
			`${String(row.peakProcesses).padStart(7)}  < 60 s ${row.wallMs < TARGET_MS ? 'ok' : 'OVER'}`,
	);
}
const first = rows[0]?.results ?? [];
console.log(`\nPer lab (${rows[0]?.name ?? ''}): time from grader start to end, per submission`);
console.log(
	`${'lab'.padEnd(labWidth)}${'graded'.padStart(7)}${'passed'.padStart(7)}${'mean'.padStart(9)}${'max'.padStart(9)}`,
);
for (const { lab } of labs) {
	const mine = first.filter((r) => r.lab === lab.id);
	const times = mine.map((r) => r.durationMs);
	const mean = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
	console.log(
		`${lab.id.padEnd(labWidth)}${String(mine.length).padStart(7)}${String(mine.filter((r) => r.passed).length).padStart(7)}` +
			`${s(mean).padStart(9)}${s(Math.max(0, ...times)).padStart(9)}`,
	);
}
