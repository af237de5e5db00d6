// Times `grade --batch` on a class of 30 learners × 4 labs, with the labs' own solutions, variants
// and broken fixtures as submissions: wall time, processor time and the peak memory of the batch
// with every grader and program it started (resident memory summed from /proc), the most graders
// at once and the machine's load, beside the target of 60 s.
// Figures only; it never fails the build. A faster batch that misjudges a submission is no faster
// batch, so each run also compares every result with what the submission deserves: a solution or
// variant passes, a fixture fails the check its FIXTURE.json names.
// --jobs takes a list of widths to compare; `auto` (the default) is the batch's own default, which
// follows the processors' idle time. With --bundle it also runs the batch from the bundled grader.
// Each configuration runs in the sandbox (the batch's default) and without it (--no-sandbox), and
// the sandbox's cost is printed against its target (under 15 % of the batch's wall time).
// Usage: node scripts/bench/batch.ts [--learners 30] [--labs a,b|all] [--jobs auto,2,4] [--bundle]
//        [--sandbox both|on|off]
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseCsv, type CsvRow } from '../../src/grader/batch/csv.ts';
import { descendants } from '../../src/grader/process-tree.ts';
import { discoverLabs } from '../../src/labs/index.ts';
import { childCount, cpuMs, dealClass, misjudged, residentBytes } from './batch-class.ts';

const TARGET_MS = 60_000;
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = join(root, 'src', 'grader', 'cli.ts');
const buildScript = join(root, 'scripts', 'build-harness.ts');

const { values } = parseArgs({
	options: {
		learners: { type: 'string', default: '30' },
		jobs: { type: 'string', default: 'auto' },
		labs: { type: 'string', default: 'orders-api,round-robin,caching,health-checks' },
		bundle: { type: 'boolean', default: false },
		sandbox: { type: 'string', default: 'both' },
	},
});
const sandboxModes = (values.sandbox === 'both' ? ['on', 'off'] : [values.sandbox]).filter(
	(mode) => mode === 'on' || mode === 'off',
);
const SANDBOX_COST_TARGET = 0.15;
const learners = Math.max(1, Number(values.learners) || 30);
const jobsList = values.jobs.split(',').filter((jobs) => jobs === 'auto' || Number(jobs) >= 1);

const scratch = mkdtempSync(join(tmpdir(), 'bench-batch-'));
const classDir = join(scratch, 'class');
const labs = (await discoverLabs()).filter(
	({ lab }) => values.labs === 'all' || values.labs.split(',').includes(lab.id),
);
const labWidth = Math.max(6, ...labs.map(({ lab }) => lab.id.length + 2));
const { deserved, expectedPasses } = dealClass(labs, learners, classDir);

interface Row {
	name: string;
	wallMs: number;
	cpuMs: number;
	peakBytes: number;
	/** The most graders that ran at once: the batch's own child processes. */
	peakGraders: number;
	/** The machine's load average over the last minute, at the start and at the end. */
	load: [number, number];
	results: CsvRow[];
}

async function measure(name: string, grader: string, jobs: string, extra: string[]): Promise<Row> {
	const out = join(scratch, `out-${name.replace(/\W+/g, '-')}`);
	const load: [number, number] = [loadavg()[0] ?? 0, 0];
	const started = performance.now();
	const width = jobs === 'auto' ? [] : ['--jobs', jobs];
	const child = spawn(
		process.execPath,
		[grader, '--batch', classDir, '--out', out, ...width, '--seed', '1', ...extra],
		{ stdio: ['ignore', 'ignore', 'inherit'] },
	);
	const pid = child.pid ?? -1;
	let peakBytes = 0;
	let peakGraders = 0;
	let cpu = 0;
	const sampler = setInterval(() => {
		const tree = [pid, ...descendants(pid).map((p) => p.pid)];
		peakBytes = Math.max(
			peakBytes,
			tree.reduce((sum, each) => sum + residentBytes(each), 0),
		);
		peakGraders = Math.max(peakGraders, childCount(pid));
		cpu = cpuMs(pid) ?? cpu;
	}, 200);
	await new Promise((resolve) => child.on('close', resolve));
	clearInterval(sampler);
	const wallMs = performance.now() - started;
	load[1] = loadavg()[0] ?? 0;
	const results = parseCsv(readFileSync(join(out, 'results.csv'), 'utf8'));
	return { name, wallMs, cpuMs: cpu, peakBytes, peakGraders, load, results };
}

const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
console.log(
	`Batch grading: ${learners} learners × ${labs.length} labs on ${availableParallelism()} cores; ` +
		`${expectedPasses} of ${deserved.size} submissions are correct programs and must pass`,
);
console.log(
	`${'grader'.padEnd(34)}${'graded'.padStart(7)}${'passed'.padStart(7)}${'wall'.padStart(9)}` +
		`${'CPU'.padStart(9)}${'peak RSS'.padStart(10)}${'graders'.padStart(9)}${'load 1 min'.padStart(13)}` +
		`  target    judged`,
);
const rows: Row[] = [];
try {
	const graders: [string, string][] = [['sources', cli]];
	if (values.bundle) {
		const bundle = join(scratch, 'grader.mjs');
		execFileSync(process.execPath, [buildScript, '--out', bundle], { stdio: 'ignore' });
		graders.push(['bundle', bundle]);
	}
	for (const jobs of jobsList) {
		for (const [kind, grader] of graders) {
			for (const mode of sandboxModes) {
				const extra = mode === 'off' ? ['--no-sandbox'] : [];
				const row = await measure(`${kind}, ${jobs} jobs, sandbox ${mode}`, grader, jobs, extra);
				rows.push(row);
				const passed = row.results.filter((r) => r.passed).length;
				const wrong = misjudged(row.results, deserved);
				console.log(
					`${row.name.padEnd(34)}${String(row.results.length).padStart(7)}${String(passed).padStart(7)}` +
						`${s(row.wallMs).padStart(9)}${s(row.cpuMs).padStart(9)}` +
						`${`${(row.peakBytes / 1024 / 1024).toFixed(0)} MB`.padStart(10)}` +
						`${String(row.peakGraders).padStart(9)}` +
						`${`${row.load[0].toFixed(1)} → ${row.load[1].toFixed(1)}`.padStart(13)}` +
						`  < 60 s ${row.wallMs < TARGET_MS ? 'ok  ' : 'OVER'}` +
						`  ${wrong.length === 0 ? 'all right' : `${wrong.length} MISJUDGED`}`,
				);
				for (const line of wrong) console.log(`    misjudged: ${line}`);
			}
		}
	}
} finally {
	rmSync(scratch, { recursive: true, force: true });
}

// The sandbox's cost: each configuration run both ways, compared by wall time.
for (const row of rows.filter((r) => r.name.endsWith('sandbox on'))) {
	const plain = rows.find((r) => r.name === row.name.replace(/sandbox on$/, 'sandbox off'));
	if (!plain) continue;
	const cost = row.wallMs / plain.wallMs - 1;
	console.log(
		`sandbox cost (${row.name.replace(/, sandbox on$/, '')}): ${(cost * 100).toFixed(0)} % of the wall time  < ${SANDBOX_COST_TARGET * 100} % ${cost < SANDBOX_COST_TARGET ? 'ok' : 'OVER'}`,
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
