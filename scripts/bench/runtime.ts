// What the sandbox costs the local runtime (`npm start`), as a learner feels it: the time from a
// Run press to the program listening (the page's `started` event), and from a Check press to the
// last result (`run-end`), each with the sandbox and without it, on the labs' solutions. Each mode
// runs in a fresh Node process, so its first press pays for loading the lab as a learner's first
// press does; the presses after it are summed up by their median. The machine's load changes while
// it runs (on a shared machine, a lot), so the modes take turns, round after round, and each figure
// is the median over the rounds.
// Figures only; it never fails the build. Tests assert the sandbox's behaviour, not its speed.
// Usage: node scripts/bench/runtime.ts [--labs orders-api,round-robin] [--runs 3] [--rounds 3]
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { LabSession } from '../../src/runtime/session.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import type { LabFiles, RuntimeCommand, RuntimeEvent } from '../../src/shared/protocol.ts';

const { values } = parseArgs({
	options: {
		labs: { type: 'string', default: 'orders-api,round-robin' },
		runs: { type: 'string', default: '3' },
		rounds: { type: 'string', default: '3' },
		/** Internal: measure one mode in this process and print its figures as JSON. */
		mode: { type: 'string' },
	},
});
const labs = values.labs.split(',').filter(Boolean);
const runs = Math.max(1, Number(values.runs) || 3);
const rounds = Math.max(1, Number(values.rounds) || 3);

interface Figures {
	/** Per lab: milliseconds from each press to its event, the first press first. */
	run: Record<string, number[]>;
	check: Record<string, number[]>;
	failed: string[];
}

if (values.mode) {
	process.stdout.write(JSON.stringify(await measure(values.mode === 'on')));
	process.exit(0);
}

const support = sandboxSupport();
if (!support.ok) {
	console.log(`Local runtime: the sandbox cannot start here (${support.why}); nothing to compare.`);
	process.exit(0);
}
const load = loadavg()[0] ?? 0;
const measured: Record<'on' | 'off', Figures[]> = { on: [], off: [] };
for (let round = 0; round < rounds; round++) {
	for (const mode of ['off', 'on'] as const) measured[mode].push(inChild(mode));
}

const ms = (n: number | undefined) => (n === undefined ? '-' : `${Math.round(n)} ms`);
const median = (list: number[]) => [...list].sort((a, b) => a - b)[Math.floor(list.length / 2)];
/** The median over the rounds of one figure of each round. */
const over = (mode: 'on' | 'off', pick: (round: Figures) => number | undefined) => {
	const each = measured[mode].map(pick).filter((n) => n !== undefined);
	return each.length > 0 ? median(each) : undefined;
};
console.log(
	`Local runtime with and without the sandbox, ${rounds} rounds taking turns: each round's first press ` +
		`and the median of ${runs} more, per lab; medians over the rounds. Load ${load.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
);
console.log(
	`${'lab'.padEnd(14)}${'press'.padEnd(28)}${'without'.padStart(10)}${'with'.padStart(10)}${'cost'.padStart(10)}`,
);
for (const lab of labs) {
	for (const [kind, label] of [
		['run', 'Run → listening'],
		['check', 'Check → last result'],
	] as const) {
		for (const [which, pick] of [
			['first', (list: number[]) => list[0]],
			['later', (list: number[]) => median(list.slice(1))],
		] as const) {
			const a = over('off', (round) => pick(round[kind][lab] ?? []));
			const b = over('on', (round) => pick(round[kind][lab] ?? []));
			const cost =
				a !== undefined && b !== undefined ? `${b - a >= 0 ? '+' : ''}${ms(b - a)}` : '-';
			console.log(
				`${lab.padEnd(14)}${`${label}, ${which}`.padEnd(28)}${ms(a).padStart(10)}${ms(b).padStart(10)}${cost.padStart(10)}`,
			);
		}
	}
}
for (const round of [...measured.off, ...measured.on]) {
	for (const line of round.failed) console.log(`  did not pass: ${line}`);
}

/** Runs this script with --mode in a fresh process and reads its figures. */
function inChild(mode: 'on' | 'off'): Figures {
	const args = [
		import.meta.filename,
		'--mode',
		mode,
		'--labs',
		labs.join(','),
		'--runs',
		String(runs),
	];
	const child = spawnSync(process.execPath, args, {
		encoding: 'utf8',
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	return JSON.parse(child.stdout) as Figures;
}

/** Presses Run (then Stop) and Check on each lab's solution, `runs + 1` times each. */
async function measure(sandboxed: boolean): Promise<Figures> {
	const support = sandboxSupport();
	const waiting: {
		test: (event: RuntimeEvent) => boolean;
		resolve: (event: RuntimeEvent) => void;
	}[] = [];
	const session = new LabSession({
		emit: (event) => {
			const index = waiting.findIndex((wait) => wait.test(event));
			if (index >= 0) waiting.splice(index, 1)[0]?.resolve(event);
		},
		...(sandboxed && support.ok ? { sandbox: support } : {}),
	});
	/** Sends `command` and resolves with the time until the first event that `test` accepts. */
	const press = async (command: RuntimeCommand, test: (event: RuntimeEvent) => boolean) => {
		const started = performance.now();
		const event = new Promise<RuntimeEvent>((resolve) => waiting.push({ test, resolve }));
		session.handle(command);
		return { event: await event, ms: performance.now() - started };
	};
	const figures: Figures = { run: {}, check: {}, failed: [] };
	for (const lab of labs) {
		const files = solution(lab);
		figures.run[lab] = [];
		figures.check[lab] = [];
		for (let i = 0; i <= runs; i++) {
			const run = await press(
				{ type: 'run', lab, files },
				(e) => e.type === 'started' || e.type === 'error',
			);
			if (run.event.type === 'started') figures.run[lab].push(run.ms);
			else figures.failed.push(`${lab} Run: ${JSON.stringify(run.event)}`);
			await press({ type: 'stop' }, (e) => e.type === 'stopped');
		}
		for (let i = 0; i <= runs; i++) {
			const check = await press(
				{ type: 'check', lab, files, seed: 1 },
				(e) => e.type === 'check' && e.event.type === 'run-end',
			);
			figures.check[lab].push(check.ms);
			if (
				check.event.type === 'check' &&
				check.event.event.type === 'run-end' &&
				!check.event.event.passed
			) {
				figures.failed.push(`${lab} checks, sandbox ${sandboxed ? 'on' : 'off'}`);
			}
		}
	}
	await session.close();
	return figures;
}

function solution(lab: string): LabFiles {
	const folder = join(import.meta.dirname, '..', '..', 'labs', lab, 'solution');
	const files: LabFiles = {};
	for (const name of readdirSync(folder)) files[name] = readFileSync(join(folder, name), 'utf8');
	return files;
}
