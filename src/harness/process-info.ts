// Best-effort facts about a running learner process, read from Linux's /proc. Where /proc is absent
// (macOS, a WebContainer) every function answers `undefined` and messages simply say less.
import { statFields } from './proc-stat.ts';

/** Linux reports CPU time in clock ticks; 100 per second on every common distribution. */
const MS_PER_TICK = 10;

interface ProcessStat {
	/** The scheduler state letter (`R` running or runnable, `S` sleeping, `Z` a zombie, ...). */
	state: string;
	/** CPU time (user + system) the process has used so far, in ms. */
	cpuMs: number;
}

/** The process's state and CPU time from one read of its stat file, or `undefined` when /proc
 * cannot tell. */
function processStat(pid: number): ProcessStat | undefined {
	const fields = statFields(pid);
	const user = Number(fields?.[11]);
	const system = Number(fields?.[12]);
	if (!fields?.[0] || !Number.isFinite(user) || !Number.isFinite(system)) return undefined;
	return { state: fields[0], cpuMs: (user + system) * MS_PER_TICK };
}

interface Sample {
	at: number;
	cpuMs: number;
	runnable: boolean;
}

/** How often, and for how long back, a program's state is sampled. */
const SAMPLE_MS = 50;
const KEPT_SAMPLES = 200;

/** Samples a process's scheduler state and CPU time in the background, to tell a program stuck in
 * a loop from one that waits. A looping program is runnable in nearly every sample even when a
 * loaded machine gives it little CPU; its CPU share catches it on an idle machine too. */
export class SpinSampler {
	/** The process to sample: a number, or a function that names it once it is known (a program
	 * inside a sandbox gets its pid a moment after the sandbox is spawned). */
	readonly #pid: () => number | undefined;
	readonly #samples: Sample[] = [];
	readonly #timer: ReturnType<typeof setInterval>;

	constructor(pid: number | (() => number | undefined)) {
		this.#pid = typeof pid === 'number' ? () => pid : pid;
		this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
		this.#timer.unref();
		this.#sample();
	}

	/** True when, since `since` (ms epoch), the process was runnable in at least 80% of at least
	 * four samples, or used the CPU for over 35% of the time. False when /proc cannot tell, and
	 * when the samples cover too little of that time: a program that started a moment ago is busy
	 * booting Node, which says nothing about a loop. */
	spinningSince(since: number): boolean {
		this.#sample();
		const window = this.#samples.filter((sample) => sample.at >= since);
		const first = window[0];
		const last = window.at(-1);
		if (!first || !last || window.length < 4) return false;
		if (last.at - first.at < Math.max(300, 0.8 * (last.at - since))) return false;
		const runnable = window.filter((sample) => sample.runnable).length / window.length;
		const wall = last.at - first.at;
		const share = wall >= 200 ? (last.cpuMs - first.cpuMs) / wall : 0;
		return runnable >= 0.8 || share > 0.35;
	}

	stop(): void {
		clearInterval(this.#timer);
	}

	#sample(): void {
		const pid = this.#pid();
		if (pid === undefined) return;
		const stat = processStat(pid);
		if (stat === undefined || stat.state === 'Z') return this.stop();
		this.#samples.push({ at: Date.now(), cpuMs: stat.cpuMs, runnable: stat.state === 'R' });
		if (this.#samples.length > KEPT_SAMPLES) this.#samples.shift();
	}
}
