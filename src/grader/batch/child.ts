// Grades one submission in a child process running the grader with `--json`, so that a submission
// that hangs, floods or crashes the grader takes down only that child, never the batch.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { LabDefinition } from '../../harness/index.ts';
import { killAllGroups, signalGroup } from '../../harness/process-registry.ts';
import type { Support } from '../../sandbox/probe.ts';
import { brokenResult, type PairResult, type Submission } from './result.ts';
import { parseReport } from './report-json.ts';
import { gradeInSandbox } from './sandbox.ts';
import { descendants, killSeen, processesIn } from '../process-tree.ts';

export interface ChildOptions {
	/** How to start the grader: node, its flags and the grader script. */
	command: readonly string[];
	seed: number;
	deadlineMs: number;
	/** The lab's checks, to report each as failed when the grader gives no report. */
	checks: readonly { id: string; title: string }[];
	/** Each child gets a fresh temporary folder inside it, removed when the child ends. */
	tmpRoot: string;
	/** Stops the child (the batch was interrupted). */
	signal: AbortSignal;
	/** With these, the submission is graded in a sandbox instead of by a child grader. */
	sandbox?: { support: Extract<Support, { ok: true }>; lab: LabDefinition };
}

/** How long a grader gets to stop its programs itself after SIGTERM before it is killed. */
const STOP_GRACE_MS = 2500;
/** Enough of standard output for any lab's report; more means something is wrong. */
const MAX_STDOUT = 8 * 1024 * 1024;

/** The folder inside the batch's temporary folder that holds the graders' compile cache. */
const COMPILE_CACHE = 'compile-cache';

/** Children still running, for the batch's last-moment cleanup. */
const running = new Map<number, string>();

export async function gradeInChild(
	submission: Submission,
	options: ChildOptions,
): Promise<PairResult> {
	if (options.sandbox) return gradeInSandbox(submission, options, options.sandbox);
	const started = Date.now();
	// Working copies go to this folder (the harness uses the system's temporary folder), so whatever
	// a killed grader leaves there, files or programs running in it, can be found and removed.
	const tmp = mkdtempSync(join(options.tmpRoot, `${submission.lab}-`));
	const [program = process.execPath, ...args] = options.command;
	const child = spawn(
		program,
		[...args, submission.lab, submission.folder, '--json', '--seed', String(options.seed)],
		{
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
			env: {
				...process.env,
				TMPDIR: tmp,
				TMP: tmp,
				TEMP: tmp,
				// Graders share one compile cache (Node 22.1 and later), so only the first few pay for
				// stripping the types of the grader's and the labs' TypeScript and compiling it: about
				// 140 ms of processor time of a grader's 210 ms start. Node keys each entry by the
				// file's contents, so an edited check is compiled afresh. Learner programs never see
				// this variable: the harness passes them a short list of variables only.
				NODE_COMPILE_CACHE: join(options.tmpRoot, COMPILE_CACHE),
			},
		},
	);
	const pid = child.pid ?? -1;
	running.set(pid, tmp);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (chunk: Buffer) => {
		if (stdout.length < MAX_STDOUT) stdout += chunk.toString();
	});
	child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const closed = new Promise<{ code: number | null; signal: string | null }>((resolve) => {
		child.on('close', (code, signal) => resolve({ code, signal }));
		child.on('error', (error) => {
			stderr += `\n${error.message}`;
			resolve({ code: null, signal: null });
		});
	});
	let stopped: 'deadline' | 'interrupted' | undefined;
	const stop = (why: 'deadline' | 'interrupted') => {
		if (stopped || pid < 0) return;
		stopped = why;
		// Seen before the grader goes: once it is gone, its programs are no longer its children.
		const tree = descendants(pid);
		signalGroup(pid, 'SIGTERM');
		const timer = setTimeout(() => {
			signalGroup(pid, 'SIGKILL');
			killSeen([...tree, ...descendants(pid)]);
		}, STOP_GRACE_MS);
		void closed.then(() => clearTimeout(timer));
	};
	const deadline = setTimeout(() => stop('deadline'), options.deadlineMs);
	const onAbort = () => stop('interrupted');
	options.signal.addEventListener('abort', onAbort, { once: true });
	if (options.signal.aborted) onAbort();
	const exit = await closed;
	clearTimeout(deadline);
	options.signal.removeEventListener('abort', onAbort);
	cleanUp(pid, tmp);
	const durationMs = Date.now() - started;
	const broken = (error: string) =>
		brokenResult(submission, options.checks, { error, durationMs, seed: options.seed });
	if (stopped === 'deadline') {
		return broken(
			`Grading stopped at the ${Math.round(options.deadlineMs / 1000)} s limit for one submission: the run did not finish, so every check counts as failed`,
		);
	}
	if (stopped === 'interrupted')
		return broken('Grading was interrupted before this submission finished');
	const report = parseReport(stdout, submission.lab);
	if (report && (exit.code === 0 || exit.code === 1)) {
		return {
			learner: submission.learner,
			lab: submission.lab,
			...report,
			durationMs,
			seed: options.seed,
		};
	}
	const last = stderr
		.split('\n')
		.map((line) => line.trim())
		.filter((line) => line !== '' && !line.startsWith('seed:'))
		.at(-1);
	const how = exit.signal ? `signal ${exit.signal}` : `exit code ${String(exit.code)}`;
	return broken(`The grader ended without a report (${how}): ${last ?? 'it printed nothing'}`);
}

/** Kills whatever still runs in the child's temporary folder and removes the folder. */
function cleanUp(pid: number, tmp: string): void {
	running.delete(pid);
	killSeen(processesIn(tmp));
	rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}

/** Synchronous, for the batch's `exit` handler: kills every child grader and what it started, and
 * every sandbox (each takes its learner's processes with it). */
export function killAllChildrenSync(): void {
	killAllGroups();
	for (const [pid, tmp] of running) {
		const tree = descendants(pid);
		signalGroup(pid, 'SIGKILL');
		killSeen([...tree, ...processesIn(tmp)]);
		rmSync(tmp, { recursive: true, force: true });
	}
	running.clear();
}
