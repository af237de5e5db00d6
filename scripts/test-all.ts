// Runs every suite the project has and ends with one line `N passed, N failed` that sums them all,
// because CI reads that line. Suites run in stages; the suites of one stage run side by side,
// because on a two-core machine each of them leaves a core mostly idle (the unit tests wait on
// programs and timers, the browser tests on pages). The first suite of a stage streams its output;
// the others' output is kept and printed whole when they end, so no two reports interleave.
// Usage: npm test [-- --only=unit,e2e]
import { spawn, type StdioOptions } from 'node:child_process';
import {
	readFileSync,
	rmSync,
	mkdtempSync,
	existsSync,
	readdirSync,
	openSync,
	closeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

interface Counts {
	passed: number;
	failed: number;
}

interface Suite {
	name: string;
	/** Runs the suite and returns what it counted; its output goes to `log` when one is given. */
	run(log?: string): Promise<Counts>;
}

const scratch = mkdtempSync(join(tmpdir(), 'course-tests-'));

/** Runs a command with inherited output, or its output written to `log`, and resolves with its
 * exit code. */
function sh(
	command: string,
	args: string[],
	env: Record<string, string> = {},
	log?: string,
): Promise<number> {
	return new Promise((resolve) => {
		const fd = log === undefined ? undefined : openSync(log, 'a');
		const stdio: StdioOptions = fd === undefined ? 'inherit' : ['ignore', fd, fd];
		const child = spawn(command, args, { stdio, env: { ...process.env, ...env } });
		const done = (code: number) => {
			if (fd !== undefined) closeSync(fd);
			resolve(code);
		};
		child.on('error', (error) => {
			console.error(`Could not start ${command}: ${error.message}`);
			done(127);
		});
		child.on('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
	});
}

/** A suite that is one pass or one fail, such as the type check or the linter. */
function wholeSuite(name: string, command: string, args: string[]): Suite {
	return {
		name,
		async run(log) {
			const code = await sh(command, args, {}, log);
			return code === 0 ? { passed: 1, failed: 0 } : { passed: 0, failed: 1 };
		},
	};
}

interface FileChoice {
	/** Files that start first, in this order; the rest follow by path (scripts/lib/unit-run.ts). */
	first?: string[];
	/** Which of the files found to run; all of them by default. */
	keep?: (file: string) => boolean;
}

/** Node's test runner over the given folders, counted from a TAP copy of its report. */
function nodeTests(name: string, folders: string[], choice: FileChoice = {}): Suite {
	const { first = [], keep = () => true } = choice;
	return {
		name,
		async run(log) {
			const found = folders
				.filter((folder) => existsSync(folder))
				.flatMap((folder) =>
					readdirSync(folder, { recursive: true })
						.map(String)
						.filter((file) => file.endsWith('.test.ts'))
						.map((file) => join(folder, file)),
				)
				.filter(keep)
				.sort();
			if (found.length === 0) return { passed: 0, failed: 0 };
			// A file on the list that is gone would quietly lose its place: say so instead.
			const missing = first.filter((file) => !found.includes(file));
			if (missing.length > 0) {
				console.error(`${name}: ${missing.join(', ')} named to start first, but not found`);
				return { passed: 0, failed: 1 };
			}
			const files = [...first, ...found.filter((file) => !first.includes(file))];
			const tap = join(scratch, `${name}.tap`);
			// Two files at once on a two-core machine: most of a file's time is spent waiting on
			// programs, servers and timers, and every check stretches its limits for a busy machine.
			// Three drove the load average to 24 in CI, past what the time scale stretches for
			// (5×), and two Astro builds ran at once in the one .astro folder.
			const code = await sh(
				process.execPath,
				['scripts/lib/unit-run.ts', tap, '2', ...files],
				{},
				log,
			);
			const report = existsSync(tap) ? readFileSync(tap, 'utf8') : '';
			const counts = tapCounts(report);
			// CI has a time budget, and the suites that spend it are the first place to look.
			const slowest = slowestSuites(report, 10);
			if (slowest.length > 0)
				console.log(`${name}: slowest top-level suites\n${slowest.join('\n')}`);
			// A runner that died before reporting still has to count as a failure.
			if (code !== 0 && counts.failed === 0) counts.failed = 1;
			return counts;
		},
	};
}

function tapCounts(tap: string): Counts {
	const read = (key: string) => Number(new RegExp(`^# ${key} (\\d+)$`, 'm').exec(tap)?.[1] ?? 0);
	return { passed: read('pass'), failed: read('fail') + read('cancelled') };
}

/** The `count` top-level tests or suites that took longest, from a TAP report (whose unindented
 * entries are the top level, each with its duration). */
function slowestSuites(tap: string, count: number): string[] {
	const entries = [
		...tap.matchAll(/^(?:not )?ok \d+ - (.+)\n {2}---\n {2}duration_ms: ([\d.]+)/gm),
	];
	return entries
		.map(([, title = '', ms = '0']) => ({ title, seconds: Number(ms) / 1000 }))
		.sort((a, b) => b.seconds - a.seconds)
		.slice(0, count)
		.map(({ title, seconds }) => `  ${seconds.toFixed(1).padStart(6)} s  ${title}`);
}

/** Playwright, counted from its JSON report. */
const e2e: Suite = {
	name: 'e2e',
	async run(log) {
		const report = join(scratch, 'playwright.json');
		const code = await sh(
			'npx',
			['playwright', 'test', '--reporter=list,json'],
			{ PLAYWRIGHT_JSON_OUTPUT_NAME: report },
			log,
		);
		let counts: Counts = { passed: 0, failed: 0 };
		if (existsSync(report)) {
			const stats = (JSON.parse(readFileSync(report, 'utf8')) as { stats: Record<string, number> })
				.stats;
			counts = {
				passed: (stats['expected'] ?? 0) + (stats['flaky'] ?? 0),
				failed: stats['unexpected'] ?? 0,
			};
		}
		if (code !== 0 && counts.failed === 0) counts.failed = 1;
		return counts;
	},
};

/** The course configuration of the sub-path build (tests/support/sub-path.ts names it too). */
const SUB_PATH_CONFIG = 'tests/fixtures/course-config/subpath.yaml';
/** Where the site is built once for every suite that serves a build: the browser tests and the
 * deployment tests at the root, and both of them under the sub-path the deployment tests use.
 * Each consumer still builds for itself when run alone, without these variables. */
const builds = {
	root: 'node_modules/.cache/e2e-dist',
	subPath: 'node_modules/.cache/e2e-subpath-dist',
};

/** Builds the site at the root and under the sub-path, and tells the suites that follow where. */
const build: Suite = {
	name: 'build',
	async run() {
		const root = await sh('npm', ['run', 'build', '--', '--outDir', builds.root]);
		const astro = ['node_modules/astro/bin/astro.mjs', 'build', '--outDir', builds.subPath];
		const subPath =
			root === 0 ? await sh(process.execPath, astro, { COURSE_CONFIG: SUB_PATH_CONFIG }) : 1;
		if (root === 0) {
			process.env['E2E_DIST'] = builds.root;
			process.env['E2E_PREBUILT'] = '1';
			process.env['DEPLOY_DIST'] = builds.root;
		}
		if (subPath === 0) process.env['SUB_PATH_DIST'] = builds.subPath;
		return {
			passed: Number(root === 0) + Number(subPath === 0),
			failed: Number(root !== 0) + Number(subPath !== 0),
		};
	},
};

/** Grades two labs beside busy loops that take both cores. Beside the other unit files it pushed
 * the load past what the time scale stretches for and health-checks solutions failed in CI, so it
 * runs on its own, beside the build, which no clock judges. */
const UNDER_LOAD = 'tests/labs/under-load.test.ts';

const unit = nodeTests(
	'unit',
	[
		'tests/site',
		'tests/harness',
		'tests/labs',
		'tests/runtime',
		'tests/grader',
		'tests/lab-cli',
		'tests/sandbox',
		'tests/deploy',
	],
	{
		// The longest files, longest first, from CI's timings (the slowest suites it prints): the
		// labs alone take about 600 s, so they start at once, and the short files fill in beside.
		first: [
			'tests/labs/labs.test.ts',
			'tests/deploy/course-config.test.ts',
			'tests/runtime/session-limits.test.ts',
			'tests/labs/bundle.test.ts',
			'tests/harness/cli.test.ts',
			'tests/deploy/nginx.test.ts',
		],
		keep: (file) => file !== UNDER_LOAD,
	},
);
const underLoad = nodeTests('under-load', ['tests/labs'], { keep: (file) => file === UNDER_LOAD });

/** Each stage starts when the one before it has ended. The type check goes first, because it
 * writes Astro's generated types, which the typed linter reads and the build writes again; the
 * build shares its stage with the test under busy loops only; the unit tests, the browser tests
 * and the linter share the last, as together they still leave processor time spare. */
const stages: Suite[][] = [
	[
		wholeSuite('typecheck', 'npx', ['astro', 'check', '--minimumSeverity', 'warning']),
		wholeSuite('format', 'npx', ['prettier', '--check', '--cache', '.']),
	],
	[build, underLoad],
	[unit, e2e, wholeSuite('lint', 'npx', ['eslint', '.', '--max-warnings', '0'])],
];

const only = process.argv.find((arg) => arg.startsWith('--only='))?.slice('--only='.length);
const chosen = stages
	.map((stage) => (only ? stage.filter((suite) => only.split(',').includes(suite.name)) : stage))
	.filter((stage) => stage.length > 0);

const total: Counts = { passed: 0, failed: 0 };
const lines: string[] = [];
const started = Date.now();

/** Runs one suite, its output streamed or kept in a log that is printed when it ends. */
async function runSuite(suite: Suite, streamed: boolean): Promise<void> {
	const log = streamed ? undefined : join(scratch, `${suite.name}.log`);
	console.log(
		streamed ? `\n=== ${suite.name} ===` : `\n=== ${suite.name} (report when it ends) ===`,
	);
	const t0 = Date.now();
	const counts = await suite.run(log);
	if (log !== undefined) {
		console.log(`\n=== ${suite.name} ===`);
		if (existsSync(log)) process.stdout.write(readFileSync(log));
	}
	total.passed += counts.passed;
	total.failed += counts.failed;
	lines.push(
		`${suite.name.padEnd(10)} ${counts.passed} passed, ${counts.failed} failed (${((Date.now() - t0) / 1000).toFixed(1)} s)`,
	);
}

for (const stage of chosen) {
	await Promise.all(stage.map((suite, index) => runSuite(suite, index === 0)));
}
rmSync(scratch, { recursive: true, force: true });
console.log(`\n=== summary (${((Date.now() - started) / 1000).toFixed(1)} s) ===`);
for (const line of lines) console.log(line);
console.log(`${total.passed} passed, ${total.failed} failed`);
process.exit(total.failed === 0 && total.passed > 0 ? 0 : 1);
