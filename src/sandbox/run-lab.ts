// Grades one submission in its own sandbox: the harness runs inside, beside the learner's program,
// and reports its events; this side keeps the clock, kills the sandbox at the deadline, and turns
// what was reported into the verdict. Used by `grade --sandbox`, by every sandboxed batch and by
// the local runtime's sandboxed check runs, which is why it lives here rather than in the grader:
// the runtime must not depend on the grader.
import type { HarnessEvent, LabDefinition, RunResult, TimeScale } from '../harness/index.ts';
import { labsDir } from '../labs/index.ts';
import { MAX_EVENT_BYTES } from './limits.ts';
import type { Support } from './probe.ts';
import { runSandbox, type SandboxEnd } from './run.ts';
import { SubmissionRefused } from '../harness/submission-files.ts';
import { foldEvents, type EventFold } from './event-fold.ts';

export interface SandboxedOptions {
	support: Extract<Support, { ok: true }>;
	folder: string;
	seed: number;
	only?: readonly string[];
	deadlineMs: number;
	onEvent?: (event: HarnessEvent) => void;
	/** Where the sandbox's staging folder goes. */
	tmpRoot?: string;
	signal?: AbortSignal;
	/** The machine's time scale, measured outside (the local runtime's figure): the harness inside
	 * starts from it instead of measuring first. A timing miss still measures again, inside. */
	timeScale?: TimeScale;
	/** A compile cache filled by a warm-up (compile-cache.ts), bound read-only. */
	compileCache?: string;
}

export async function runLabSandboxed(
	lab: LabDefinition,
	options: SandboxedOptions,
): Promise<RunResult> {
	const started = Date.now();
	const fold = foldEvents(lab, options.seed, options.only);
	const emit = (event: HarnessEvent | undefined) => {
		if (!event) return;
		try {
			options.onEvent?.(event);
		} catch {
			// A broken listener must not stop the run; the result still carries everything.
		}
	};
	let why: string;
	let stopped = false;
	try {
		const end = await runSandbox({
			support: options.support,
			lab: lab.id,
			folder: options.folder,
			seed: options.seed,
			...(options.only ? { only: options.only } : {}),
			deadlineMs: options.deadlineMs,
			...(options.tmpRoot ? { tmpRoot: options.tmpRoot } : {}),
			labsDir,
			...(options.signal ? { signal: options.signal } : {}),
			...(options.timeScale ? { timeScale: options.timeScale } : {}),
			...(options.compileCache
				? { compileCache: { dir: options.compileCache, writable: false } }
				: {}),
			onLine: (text) => emit(fold.line(text)),
		});
		why = whyUnfinished(end, options.deadlineMs);
		stopped = end.stopped === 'interrupted';
	} catch (error) {
		if (!(error instanceof SubmissionRefused)) throw error;
		why = error.message;
	}
	return finish(lab, fold, why, emit, started, stopped);
}

/** The run of a submission refused before anything ran: every check fails with `message`. */
export function refusedRun(
	lab: LabDefinition,
	seed: number,
	message: string,
	onEvent: (event: HarnessEvent) => void,
	only?: readonly string[],
): RunResult {
	const fold = foldEvents(lab, seed, only);
	return finish(lab, fold, message, (event) => event && onEvent(event), Date.now());
}

/** Reports the start if the stream lacked it, every check it lacked, and the verdict. */
function finish(
	lab: LabDefinition,
	fold: EventFold,
	why: string,
	emit: (event: HarnessEvent | undefined) => void,
	started: number,
	stopped = false,
): RunResult {
	emit(fold.start());
	for (const end of fold.missing(why, stopped)) emit(end);
	const result = fold.result(started);
	const { passed, durationMs, seed, timeScale } = result;
	emit({ type: 'run-end', lab: lab.id, passed, durationMs, seed, timeScale });
	return result;
}

/** The message for the checks a sandbox never reported on. */
function whyUnfinished(end: SandboxEnd, deadlineMs: number): string {
	if (end.stopped === 'deadline') {
		return `Grading stopped at the ${Math.round(deadlineMs / 1000)} s limit for one submission: the run did not finish, so this check counts as failed`;
	}
	if (end.stopped === 'interrupted') return 'The run was stopped before this check finished';
	if (end.stopped === 'flood') {
		return `The sandbox reported more than ${MAX_EVENT_BYTES / 1024 ** 2} MiB of events, so it was stopped`;
	}
	const how = end.signal ? `signal ${end.signal}` : `exit code ${String(end.code)}`;
	const last = end.stderr
		.split('\n')
		.map((line) => line.trim())
		.filter(Boolean)
		.at(-1);
	// The harness is the sandbox's main process: killed from outside it would show as a deadline,
	// so a kill here came from inside, where only the program under test and the harness run.
	const killed = end.code === 137 || end.signal === 'SIGKILL';
	const said = killed
		? ': the harness inside it was killed, which only a process in the sandbox could do: the program under test'
		: last
			? `: ${last}`
			: '';
	return `The sandbox ended before this check finished (${how})${said}`;
}
