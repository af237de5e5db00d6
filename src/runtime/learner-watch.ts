// Watches every learner process the harness starts in this session and tells when one outlives the
// harness's attempt to stop it. Inside a WebContainer a program busy in a loop never handles a
// signal (webcontainer-core #1121): it keeps a worker spinning, slows every later check, and only a
// fresh container gets rid of it. Whether a process exists is asked with signal 0, which needs no
// /proc (a WebContainer has none) and is the same system call everywhere else.
import { liveGroups, onSpawn } from '../harness/process-registry.ts';

/** How often the watched processes are looked at; a handful of signal-0 calls each time. */
const POLL_MS = 250;
/** How long a process may remain once the harness has let go of it; a stopped program is reaped
 * before the harness lets go, so anything still there after this will not go by itself. */
const SURVIVE_MS = 500;
/** How long a program the session itself stops (Run, Stop) may take to go: SIGTERM's grace is
 * 200 ms and SIGKILL is at once, so this is ample, and it spares waiting for the harness's own
 * bounded wait before the learner hears that the program is stuck. */
const STOP_MS = 1000;

/** The watches of this process: only a session inside a container has one. */
const active = new Set<LearnerWatch>();

/** Says that the session has begun stopping `pid`; does nothing where no watch runs. */
export function stopRequested(pid: number): void {
	for (const watch of active) watch.stopRequested(pid);
}

/** Says that a stop of `pid` has finished without the process ever exiting. This needs no signal
 * 0 at all, so it holds even where asking whether a process exists is not to be trusted. */
export function outlivedStop(pid: number): void {
	for (const watch of active) watch.report([pid]);
}

export class LearnerWatch {
	/** Learner pids, with when the harness was first seen to have let go of them. */
	readonly #watched = new Map<number, number | undefined>();
	/** When processes the session is stopping must be gone by. */
	readonly #deadlines = new Map<number, number>();
	readonly #onStuck: (pids: number[]) => void;
	readonly #unsubscribe: () => void;
	#timer: ReturnType<typeof setInterval> | undefined;
	#reported = false;

	constructor(onStuck: (pids: number[]) => void) {
		this.#onStuck = onStuck;
		this.#unsubscribe = onSpawn((pid) => {
			this.#watched.set(pid, undefined);
			this.#poll();
		});
		active.add(this);
	}

	stopRequested(pid: number): void {
		if (!this.#watched.has(pid) || this.#deadlines.has(pid)) return;
		this.#deadlines.set(pid, Date.now() + STOP_MS);
		this.#poll();
	}

	/** Reports processes as stuck, once per watch: the page replaces the whole container. */
	report(pids: number[]): void {
		if (this.#reported) return;
		this.#reported = true;
		this.#onStuck(pids);
	}

	#poll(): void {
		this.#timer ??= setInterval(() => this.#look(), POLL_MS);
		this.#timer.unref?.();
	}

	/** Processes seen that are still there, for tests and messages. */
	get watching(): number {
		return this.#watched.size;
	}

	close(): void {
		active.delete(this);
		this.#unsubscribe();
		clearInterval(this.#timer);
		this.#timer = undefined;
	}

	#look(): void {
		const tracked = new Set(liveGroups());
		const now = Date.now();
		const stuck: number[] = [];
		for (const [pid, released] of this.#watched) {
			const deadline = this.#deadlines.get(pid);
			if (!exists(pid)) {
				this.#watched.delete(pid);
				this.#deadlines.delete(pid);
			} else if (deadline !== undefined && now >= deadline) stuck.push(pid);
			else if (tracked.has(pid)) this.#watched.set(pid, undefined);
			else if (released === undefined) this.#watched.set(pid, now);
			else if (now - released >= SURVIVE_MS) stuck.push(pid);
		}
		if (this.#watched.size === 0) {
			clearInterval(this.#timer);
			this.#timer = undefined;
		}
		if (stuck.length > 0) this.report(stuck);
	}
}

function exists(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		// ESRCH: gone. EPERM would mean the pid now belongs to someone else, so not ours either.
		return false;
	}
}
