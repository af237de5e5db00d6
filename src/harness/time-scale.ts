// How much slower than usual this machine runs right now. Every time limit the harness and the
// checks use is written for an ordinary laptop doing nothing else; a busy laptop, a CI runner with
// neighbours or Node inside a browser tab needs the same limits stretched, or a correct program
// fails for the machine's sake. The scale is measured from known work: starting Node until it
// listens (what every check does first) and a fixed piece of computation.
import { spawn } from 'node:child_process';
import { MAX_FACTOR } from '../shared/scale-text.ts';
import type { TimeScale } from './types.ts';

/** What the reference machine (this project's idle 2-core machines, where every limit was tuned)
 * takes for the same work, with a little headroom. Faster machines get a factor of 1, never less:
 * limits are written for the reference, never tightened. */
export const REFERENCE = { startMs: 40, cpuMs: 7.5 };

export const UNIT_SCALE: TimeScale = { factor: 1, capped: false, startMs: 0, cpuMs: 0 };

/** A tiny server that prints its port once it listens: the shortest version of a learner's start.
 * It closes again at once and so ends by itself: a harness that exits while measuring (a session
 * told to stop, a grader killed by its caller) cannot kill it, and in CI one such probe was left
 * listening for good. */
const PROBE_SOURCE =
	"require('node:http').createServer().listen(0,'127.0.0.1',function(){process.stdout.write(this.address().port+'\\n');this.close()})";
/** A probe that has not listened by then tells enough: the machine is far past the cap. */
const PROBE_LIMIT_MS = 10_000;

export interface MeasureOptions {
	/** The figures to compare with; the reference machine's unless a test says otherwise. */
	reference?: { startMs: number; cpuMs: number };
	/** How many starts to time (their mean counts). */
	starts?: number;
}

/** Measures this machine now. It costs about 150 ms on the reference machine. */
export async function measureTimeScale(options: MeasureOptions = {}): Promise<TimeScale> {
	const reference = options.reference ?? REFERENCE;
	const starts: number[] = [];
	for (let i = 0; i < (options.starts ?? 2); i++) starts.push(await timeNodeStart());
	const startMs = Math.round(starts.reduce((sum, ms) => sum + ms, 0) / starts.length);
	const cpuMs = await measureCpuMs(5);
	return scaleFrom({ startMs, cpuMs }, reference);
}

/** The computation's time alone, the median of `samples` runs: this process's share of a core
 * now, without starting Node (a few tens of milliseconds where measuring everything takes a few
 * hundred). */
export async function measureCpuMs(samples: number): Promise<number> {
	const cpu: number[] = [];
	for (let i = 0; i < samples; i++) {
		cpu.push(timeComputation());
		// Yield between samples, so they are spread over a few of the scheduler's time slices.
		await new Promise((resolve) => setImmediate(resolve));
	}
	return Math.round(median(cpu) * 10) / 10;
}

/** A figure measured earlier brought up to date with a computation timed now: a machine that
 * turned busy since (another program, a build) shows at once in its share of a core, while Node's
 * start-up time is kept from the earlier figure. */
export function withCpuNow(
	earlier: TimeScale,
	cpuMs: number,
	reference: { startMs: number; cpuMs: number } = REFERENCE,
): TimeScale {
	return scaleFrom({ startMs: earlier.startMs, cpuMs }, reference);
}

/** The factor for figures measured against a reference, rounded to a tenth and capped. */
export function scaleFrom(
	measured: { startMs: number; cpuMs: number },
	reference: { startMs: number; cpuMs: number },
): TimeScale {
	const raw = Math.max(1, measured.startMs / reference.startMs, measured.cpuMs / reference.cpuMs);
	const factor = Math.min(MAX_FACTOR, Math.round(raw * 10) / 10);
	return { factor, capped: raw > MAX_FACTOR, startMs: measured.startMs, cpuMs: measured.cpuMs };
}

/** A figure measured elsewhere, as one command-line argument: the local runtime measures the
 * machine once and after each run, and hands the figure to the harness it starts in a sandbox
 * (`--time-scale`), which then starts its first check without measuring again. */
export function scaleArgument(scale: TimeScale): string {
	return JSON.stringify({
		factor: scale.factor,
		capped: scale.capped,
		startMs: scale.startMs,
		cpuMs: scale.cpuMs,
	});
}

/** Reads `scaleArgument`'s text back; undefined for anything else. A factor must lie from 1 to the
 * cap, as a measured one does: a figure handed in may stretch limits no further than measuring
 * could, and never tighten them. */
export function parseScaleArgument(text: string): TimeScale | undefined {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return undefined;
	}
	if (!value || typeof value !== 'object') return undefined;
	const { factor, capped, startMs, cpuMs } = value as Partial<Record<keyof TimeScale, unknown>>;
	if (typeof factor !== 'number' || !(factor >= 1 && factor <= MAX_FACTOR)) return undefined;
	if (typeof capped !== 'boolean') return undefined;
	if (typeof startMs !== 'number' || !Number.isFinite(startMs) || startMs < 0) return undefined;
	if (typeof cpuMs !== 'number' || !Number.isFinite(cpuMs) || cpuMs < 0) return undefined;
	return { factor, capped, startMs, cpuMs };
}

/** Stretches a time limit by the scale, to a whole number of milliseconds. */
export function stretch(scale: TimeScale, ms: number): number {
	return Math.round(ms * scale.factor);
}

function timeNodeStart(): Promise<number> {
	return new Promise((resolve) => {
		const started = performance.now();
		const child = spawn(process.execPath, ['-e', PROBE_SOURCE], {
			stdio: ['ignore', 'pipe', 'ignore'],
		});
		let done = false;
		const finish = () => {
			if (done) return;
			done = true;
			clearTimeout(timer);
			child.kill('SIGKILL');
			resolve(performance.now() - started);
		};
		// A probe that cannot start at all (no Node binary to spawn) says nothing about speed.
		const timer = setTimeout(finish, PROBE_LIMIT_MS);
		child.stdout.once('data', finish);
		child.once('error', finish);
		child.once('exit', finish);
	});
}

/** A fixed amount of arithmetic: the time it takes is this process's share of a core. */
function timeComputation(): number {
	const started = performance.now();
	let sum = 0;
	for (let i = 0; i < 3_000_000; i++) sum += Math.sqrt(i);
	// Using the sum keeps the loop from being optimised away.
	if (sum < 0) throw new Error('unreachable');
	return performance.now() - started;
}

function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	return sorted[Math.floor(sorted.length / 2)] ?? 0;
}
