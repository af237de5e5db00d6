// The in-browser runtime's session, measured under WebContainer-like limits (scripts/lib/
// limits-host.ts: the bundle the page mounts, behind a pseudo-terminal, /proc hidden, SIGKILL
// ignored), driven by the page's own runtime code. Not a WebContainer, which these machines cannot
// boot; a tab's Node is slower still, by a factor this cannot measure. It prints:
// - what a check run pays before its first check when it measures the machine first (two Node
//   starts and some arithmetic), against a session that measures once and after each run
//   (src/runtime/session-scale.ts): from the command to the first result and to the last, and the
//   suite's own time, on the labs' solutions, the modes taking turns in fresh sessions;
// - how long a program busy in a loop holds the runtime (target: recovered in under 5 s), for
//   Stop, Run and checks: from the press (or the run's end) to the stuck report and to a fresh
//   session that answers.
// Figures only; it never fails the build.
// Usage: node scripts/bench/session.ts [--runs 3] [--rounds 2] [--labs orders-api,web-tier,batching]
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { connectWire } from '../../src/client/lab/adapters/wire-runtime.ts';
import type { Runtime } from '../../src/client/lab/adapters/types.ts';
import type { HarnessEvent } from '../../src/shared/harness-events.ts';
import type { LabFiles, RuntimeEvent } from '../../src/shared/protocol.ts';
import { buildSessionBundle, createLimitsHost, limitsUnavailable } from '../lib/limits-host.ts';

const { values } = parseArgs({
	options: {
		runs: { type: 'string', default: '3' },
		rounds: { type: 'string', default: '2' },
		labs: { type: 'string', default: 'orders-api,web-tier,batching' },
	},
});
const runs = Math.max(2, Number(values.runs) || 3);
const rounds = Math.max(1, Number(values.rounds) || 2);
const labs = values.labs.split(',').filter(Boolean);
const RECOVERY_TARGET_MS = 5000;

const unavailable = limitsUnavailable();
if (unavailable) {
	console.log(`scripts/bench/session.ts: skipped, ${unavailable}.`);
	process.exit(0);
}

/** Every file of a program's folder, by its path inside it. */
function programFiles(folder: string, prefix = ''): LabFiles {
	const files: LabFiles = {};
	for (const name of readdirSync(folder)) {
		const path = join(folder, name);
		if (statSync(path).isDirectory()) Object.assign(files, programFiles(path, `${prefix}${name}/`));
		else files[`${prefix}${name}`] = readFileSync(path, 'utf8');
	}
	return files;
}

function median(list: number[]): number {
	const sorted = [...list].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2
		? (sorted[middle] ?? 0)
		: ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

/** The events a runtime gave, with a bounded wait for the next one that matches. */
function watch(runtime: Runtime) {
	const seen: { at: number; event: RuntimeEvent }[] = [];
	let cursor = 0;
	let wake = () => {};
	runtime.onEvent((event) => {
		seen.push({ at: performance.now(), event });
		wake();
	});
	return async (match: (event: RuntimeEvent) => boolean, what: string, timeoutMs = 120_000) => {
		const deadline = performance.now() + timeoutMs;
		for (;;) {
			for (; cursor < seen.length; cursor++) {
				const item = seen[cursor];
				if (item && match(item.event)) {
					cursor++;
					return item;
				}
			}
			const left = deadline - performance.now();
			if (left <= 0) throw new Error(`No ${what} within ${timeoutMs} ms`);
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
	};
}

const harness = (type: HarnessEvent['type']) => (event: RuntimeEvent) =>
	event.type === 'check' && event.event.type === type;

interface Timing {
	firstMs: number;
	lastMs: number;
	suiteMs: number;
	startMs: number;
	passed: boolean;
}

const folder = mkdtempSync(join(tmpdir(), 'bench-session-'));
const bundle = buildSessionBundle(folder);
const hosts: ReturnType<typeof createLimitsHost>[] = [];

/** A fresh session of the given mode, ready. */
async function open(eachRun: boolean) {
	const host = createLimitsHost(bundle, eachRun ? { args: ['--measure-each-run'] } : {});
	hosts.push(host);
	const runtime = await connectWire({ boot: host.boot, readyLimitMs: 15_000, deadAfterMs: 6_000 });
	return { host, runtime, next: watch(runtime) };
}

/** One check run of a lab's solution, timed from the command. */
async function checkRun(
	session: Awaited<ReturnType<typeof open>>,
	lab: string,
	files: LabFiles,
): Promise<Timing> {
	const sent = performance.now();
	await session.runtime.send({ type: 'check', lab, files });
	const start = await session.next(harness('run-start'), 'run-start');
	const first = await session.next(harness('check-end'), 'a first result');
	const end = await session.next(harness('run-end'), 'run-end');
	const startEvent = start.event.type === 'check' ? start.event.event : undefined;
	const endEvent = end.event.type === 'check' ? end.event.event : undefined;
	return {
		firstMs: first.at - sent,
		lastMs: end.at - sent,
		suiteMs: endEvent?.type === 'run-end' ? endEvent.durationMs : 0,
		startMs: startEvent?.type === 'run-start' ? startEvent.timeScale.startMs : 0,
		passed: endEvent?.type === 'run-end' && endEvent.passed,
	};
}

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
try {
	console.log(
		`Session under WebContainer-like limits (pty, no /proc, SIGKILL ignored); ${runs} runs per session, ${rounds} rounds\n`,
	);
	const timings = new Map<string, { first: Timing[]; later: Timing[] }>();
	for (let round = 0; round < rounds; round++) {
		// The modes take turns, so a shared machine's changing load falls on both.
		for (const eachRun of round % 2 === 0 ? [true, false] : [false, true]) {
			for (const lab of labs) {
				const session = await open(eachRun);
				const files = programFiles(join('labs', lab, 'solution'));
				const key = `${lab}\t${eachRun ? 'each run' : 'session'}`;
				const entry = timings.get(key) ?? { first: [], later: [] };
				for (let i = 0; i < runs; i++) {
					const timing = await checkRun(session, lab, files);
					if (!timing.passed) console.log(`${lab} (${key}): the solution did not pass`);
					(i === 0 ? entry.first : entry.later).push(timing);
				}
				timings.set(key, entry);
				session.runtime.close();
			}
		}
	}
	const head = `${'first'.padStart(9)}${'last'.padStart(9)}${'suite'.padStart(9)}`;
	console.log(
		`${''.padEnd(16)}${'measured'.padEnd(10)}${'first run after ready'.padEnd(27)}later runs (median)\n` +
			`${'lab'.padEnd(16)}${''.padEnd(10)}${head}   ${head}${'Node start'.padStart(12)}`,
	);
	for (const [key, { first, later }] of timings) {
		const [lab, mode] = key.split('\t');
		const cells = (list: Timing[]) =>
			`${s(median(list.map((t) => t.firstMs))).padStart(9)}${s(median(list.map((t) => t.lastMs))).padStart(9)}${s(median(list.map((t) => t.suiteMs))).padStart(9)}`;
		const nodeStart = median([...first, ...later].map((t) => t.startMs).filter((ms) => ms > 0));
		console.log(
			`${(lab ?? '').padEnd(16)}${(mode ?? '').padEnd(10)}${cells(first)}   ${cells(later)}${`${Math.round(nodeStart)} ms`.padStart(12)}`,
		);
	}
	console.log(
		'\nmeasured: the machine before every run (each run), or as the session starts and after each run (session).\n' +
			"first: the command to the first check's result; last: to run-end; suite: the harness's own time;\n" +
			'Node start: mean time for Node to start and listen, as the run measured it (0: not measured in that run).\n',
	);

	// A program busy in a loop: how long it holds the runtime.
	const session = await open(false);
	const products = readFileSync(join('labs', 'orders-api', 'solution', 'products.json'), 'utf8');
	const loopsAtStart = "process.on('SIGTERM', () => process.exit(0));\nfor (;;) {}\n";
	const loopsOnRequest = [
		"import { createServer } from 'node:http';",
		"process.on('SIGTERM', () => process.exit(0));",
		"createServer(() => { console.log('spinning'); for (;;) {} }).listen(Number(process.env.PORT));",
		'',
	].join('\n');
	const stuck = (event: RuntimeEvent) =>
		event.type === 'error' && event.message.includes('kept running after it was stopped');
	const ready = (event: RuntimeEvent) => event.type === 'ready';
	const rows: [string, number, number, number][] = [];

	await session.runtime.send({
		type: 'run',
		lab: 'orders-api',
		files: { 'server.js': loopsOnRequest, 'products.json': products },
	});
	await session.next((event) => event.type === 'started', 'started');
	await session.runtime.send({
		type: 'request',
		id: 'spin',
		method: 'GET',
		path: '/',
		headers: {},
	});
	await session.next(
		(event) => event.type === 'output' && event.line === 'spinning',
		'the program looping',
	);
	const stopAt = performance.now();
	await session.runtime.send({ type: 'stop' });
	const stopStuck = await session.next(stuck, 'a stuck report after Stop');
	const stopReady = await session.next(ready, 'a fresh session after Stop');
	rows.push(['Stop, a handler that loops', stopAt, stopStuck.at, stopReady.at]);

	const runAt = performance.now();
	await session.runtime.send({
		type: 'run',
		lab: 'orders-api',
		files: { 'server.js': loopsAtStart, 'products.json': products },
	});
	const runStuck = await session.next(stuck, 'a stuck report after Run');
	const runReady = await session.next(ready, 'a fresh session after Run');
	rows.push(['Run, a loop before listening', runAt, runStuck.at, runReady.at]);

	await session.runtime.send({
		type: 'check',
		lab: 'orders-api',
		files: { 'server.js': loopsOnRequest, 'products.json': products },
	});
	const runEnd = await session.next(harness('run-end'), 'the looping run to end');
	const checkStuck = await session.next(stuck, 'a stuck report after the checks');
	const checkReady = await session.next(ready, 'a fresh session after the checks');
	rows.push(['Checks, from their run-end', runEnd.at, checkStuck.at, checkReady.at]);
	session.runtime.close();

	console.log(
		`${'a program that loops'.padEnd(32)}${'stuck report'.padStart(14)}${'fresh session'.padStart(15)}${'recovery'.padStart(16)}`,
	);
	for (const [what, from, found, back] of rows) {
		const recovery = back - found;
		console.log(
			`${what.padEnd(32)}${s(found - from).padStart(14)}${s(back - from).padStart(15)}${`${s(recovery)} ${recovery < RECOVERY_TARGET_MS ? 'ok' : 'OVER'}`.padStart(16)}`,
		);
	}
	console.log(
		"\nfrom the press (Stop, Run) or the check run's end to the stuck report and to a fresh session that said ready;\n" +
			'recovery: stuck report to fresh session (target under 5 s). Run waits for the program to listen before it\n' +
			'gives up on it, so its report comes after the start limit.',
	);
	console.log(`load average ${(loadavg()[0] ?? 0).toFixed(1)} on ${availableParallelism()} cores`);
} finally {
	await Promise.all(hosts.map((host) => host.close()));
	rmSync(folder, { recursive: true, force: true });
}
