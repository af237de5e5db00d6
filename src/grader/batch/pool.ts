// How many submissions a batch grades at once. A grader spends most of its time waiting: for its
// learner's program to start, for health-check intervals, for the timeouts a broken program runs
// into. One grader per core left the processors idle about half the time (176 s of processor time
// in 200 s on 2 cores, for 30 learners × 4 labs), so by default the batch starts one grader per
// core and adds one more at a time while the processors have time to spare, up to four per core.
// Whenever the machine is busy, whoever keeps it busy, it lets the extra graders finish without
// replacing them, down to one per core again. The graders thus use the cores' idle time rather
// than crowd them: on an overloaded machine a correct program's timers fire late, and the labs'
// checks that time intervals could fail it.
import { availableParallelism, cpus } from 'node:os';

export interface PoolOptions {
	/** Graders that always run while submissions remain. */
	min: number;
	/** Graders that may run at once when the processors have time to spare. */
	max: number;
	/** Stops starting graders; the running ones are stopped by their owner. */
	signal: AbortSignal;
	/** Idle processor time since the previous call, in cores (2 = two cores idle throughout), or
	 * `undefined` when the machine cannot tell; tests give their own. */
	idleCores?: () => number | undefined;
	/** How often the width is reconsidered, in ms. */
	lookMs?: number;
}

/** Without `--jobs`: one grader per core, up to four per core while processors stay idle. */
export function defaultWidth(): { min: number; max: number } {
	const cores = availableParallelism();
	return { min: cores, max: cores * MAX_PER_CORE };
}

const MAX_PER_CORE = 4;
const LOOK_MS = 500;
/** Idle time worth another grader: about what one uses on average, half a core. */
const ROOM_CORES = 0.5;
/** Idle time below which the machine counts as busy: under a tenth of a core. */
const BUSY_CORES = 0.1;

/** Runs `work` over `items`, in order of the items, at most `max` at once; stops taking new ones
 * once `signal` aborts. Results keep the items' order; those never started are left out. */
export function runPool<T, R>(
	items: readonly T[],
	options: PoolOptions,
	work: (item: T) => Promise<R>,
): Promise<R[]> {
	const { min, max, signal } = options;
	const idleCores = options.idleCores ?? machineIdleCores();
	const results: R[] = [];
	let next = 0;
	let running = 0;
	let width = Math.min(min, max);
	return new Promise<R[]>((resolve, reject) => {
		let failed = false;
		const adjust = () => {
			const idle = idleCores();
			if (idle === undefined) return;
			// Grow only when every slot is in use, so that a slot left over after the last submission
			// started does not count as room; shrink as soon as the machine is busy.
			if (idle >= ROOM_CORES && running >= width) width = Math.min(max, width + 1);
			else if (idle < BUSY_CORES) width = Math.max(min, width - 1);
			launch();
		};
		// A fixed width (`--jobs N`) needs no look at the processors.
		const look = min < max ? setInterval(adjust, options.lookMs ?? LOOK_MS) : undefined;
		const launch = () => {
			while (!failed && running < width && next < items.length && !signal.aborted) {
				const index = next++;
				running++;
				work(items[index] as T).then(
					(result) => {
						results[index] = result;
						running--;
						launch();
					},
					(error: unknown) => {
						failed = true;
						clearInterval(look);
						reject(error instanceof Error ? error : new Error(String(error)));
					},
				);
			}
			if (failed || running > 0 || (next < items.length && !signal.aborted)) return;
			clearInterval(look);
			resolve(results.filter((result) => result !== undefined));
		};
		launch();
	});
}

/** Measures the machine's idle processor time between calls, from the operating system's per-core
 * counters; the first call covers the time since the meter was made. The idle share is counted in
 * the cores this process may use, which may be fewer than the machine has: idle cores it may not
 * run on make no room for another grader. */
export function machineIdleCores(): () => number | undefined {
	const read = () => {
		let idle = 0;
		let total = 0;
		for (const { times } of cpus()) {
			idle += times.idle;
			total += times.user + times.nice + times.sys + times.idle + times.irq;
		}
		return { idle, total };
	};
	let last = read();
	return () => {
		const now = read();
		const total = now.total - last.total;
		const idle = now.idle - last.idle;
		last = now;
		// Counters that did not move (some sandboxes report zeros) tell nothing.
		return total > 0 && idle >= 0 ? (availableParallelism() * idle) / total : undefined;
	};
}
