// The resources one submission's sandbox may use. Each is far above what an honest lab program and
// its harness need (a few Node processes of about 60 MB each, kilobytes of files), and low enough
// that a fork bomb, a memory hog or a program that fills its disk stops against the limit instead
// of taking the machine, and the other learners' sandboxes, down with it.

/** Threads and processes in the sandbox (the kernel counts a Node process as about ten threads). */
export const MAX_TASKS = 256;
/** Memory one process may write to (RLIMIT_DATA: its heap and private writable mappings). It is not
 * a cap on address space: Node reserves far more than it touches, and WebAssembly's guard regions
 * (undici's HTTP parser behind every first fetch()) need gigabytes reserved but never written; under
 * a 2 GiB address-space cap a first fetch() took 200 ms of garbage collection and a correct program
 * that fetched before it listened failed in the sandbox only. */
export const MAX_DATA = 2 * 1024 ** 3;
/** Largest file any process in the sandbox may write. */
export const MAX_FILE_WRITE = 64 * 1024 ** 2;
/** The sandbox's private /tmp, which holds the per-check working copies; it is memory, freed with
 * the sandbox, so a program that fills it leaves nothing behind. */
export const TMP_BYTES = 128 * 1024 ** 2;
/** The events the harness reports from inside: any lab's whole run is well under a megabyte. */
export const MAX_EVENT_BYTES = 8 * 1024 ** 2;

/** Processor time of one process of a Run press in the local runtime. A program the learner plays
 * with may run for an hour, but one that spins is stopped by Stop or by its page going away; this
 * only ends a loop left running in a tab nobody looks at. */
export const RUN_CPU_SECONDS = 30 * 60;

/** util-linux prlimit's arguments, set on the harness and inherited by every program it starts.
 * Processor time is per process and backs up the grader's wall-clock deadline, which is what
 * normally ends a run. */
export function prlimitArgs(
	deadlineMs: number,
	cpuSeconds = Math.ceil((2 * deadlineMs) / 1000),
): string[] {
	return [
		`--nproc=${MAX_TASKS}`,
		`--data=${MAX_DATA}`,
		`--fsize=${MAX_FILE_WRITE}`,
		`--cpu=${cpuSeconds}`,
		'--core=0',
	];
}

/** A line for a learner who ran into a limit, added where the program's own words suggest it. */
export function limitHint(text: string): string | undefined {
	if (/EAGAIN|Resource temporarily unavailable|Cannot fork/.test(text)) {
		return `the sandbox allows ${MAX_TASKS} processes and threads at once, and your program reached that limit`;
	}
	if (/ENOSPC|no space left/i.test(text)) {
		return `the sandbox's /tmp holds ${TMP_BYTES / 1024 ** 2} MiB, and your program filled it`;
	}
	if (/allocat|out of memory|heap limit/i.test(text)) {
		return `a process in the sandbox may use ${MAX_DATA / 1024 ** 3} GiB of memory, and your program asked for more`;
	}
	if (/EFBIG|File too large|SIGXFSZ/.test(text)) {
		return `a file written in the sandbox may be at most ${MAX_FILE_WRITE / 1024 ** 2} MiB`;
	}
	return undefined;
}
