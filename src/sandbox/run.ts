// Runs one submission's harness in a fresh sandbox and hands back, line by line, the events it
// reports. The caller stays in charge of time: at the deadline, or when it aborts, the sandbox is
// killed, and since its first process is the namespace's init, everything the learner started
// inside dies with it, detached or not.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { signalGroup, trackGroup, untrackGroup } from '../harness/process-registry.ts';
import { ETC_FILES, sandboxArgv } from './command.ts';
import { MAX_EVENT_BYTES } from './limits.ts';
import type { Support } from './probe.ts';
import { openToNobody, stagingBase } from './staging.ts';
import { copySubmission } from '../harness/submission-files.ts';
import type { TimeScale } from '../harness/types.ts';

export interface SandboxRun {
	support: Extract<Support, { ok: true }>;
	lab: string;
	folder: string;
	seed: number;
	only?: readonly string[];
	deadlineMs: number;
	/** Where the sandbox's staging folder goes; the system's temporary folder by default. */
	tmpRoot?: string;
	labsDir?: string;
	/** Handed to the harness inside, which then does not measure the machine before its first check. */
	timeScale?: TimeScale;
	/** A compile cache for the harness inside (see SandboxCommand). */
	compileCache?: { dir: string; writable: boolean };
	signal?: AbortSignal;
	/** Each line the harness printed on standard output: one JSON event per line. */
	onLine: (line: string) => void;
}

export interface SandboxEnd {
	code: number | null;
	signal: NodeJS.Signals | null;
	/** Why the sandbox was killed, if it was. */
	stopped?: 'deadline' | 'interrupted' | 'flood';
	/** The end of what the harness printed on standard error. */
	stderr: string;
}

/** Copies the submission (refusing links out and oversized files: `SubmissionRefused`), starts
 * the sandbox and resolves when it has ended and its staging folder is gone. */
export async function runSandbox(run: SandboxRun): Promise<SandboxEnd> {
	const asNobody = run.support.setpriv !== undefined;
	const staging = mkdtempSync(join(stagingBase(run.tmpRoot ?? tmpdir(), asNobody), 'sandbox-'));
	try {
		const submission = join(staging, 'submission');
		mkdirSync(submission);
		await copySubmission(run.folder, submission);
		const etc: Record<string, string> = {};
		for (const [name, content] of Object.entries(ETC_FILES)) {
			etc[name] = join(staging, name);
			writeFileSync(etc[name], content);
		}
		if (asNobody) openToNobody(staging);
		const argv = sandboxArgv({
			bwrap: run.support.bwrap,
			...(run.support.setpriv ? { setpriv: run.support.setpriv } : {}),
			lab: run.lab,
			submission,
			etc,
			...(run.only ? { only: run.only } : {}),
			deadlineMs: run.deadlineMs,
			...(run.labsDir ? { labsDir: run.labsDir } : {}),
			...(run.timeScale ? { timeScale: run.timeScale } : {}),
			...(run.compileCache ? { compileCache: run.compileCache } : {}),
		});
		return await spawnSandbox(argv, run);
	} finally {
		rmSync(staging, { recursive: true, force: true, maxRetries: 3 });
	}
}

function spawnSandbox(argv: string[], run: SandboxRun): Promise<SandboxEnd> {
	const [program = '', ...args] = argv;
	const child = spawn(program, args, { detached: true, stdio: ['pipe', 'pipe', 'pipe'] });
	// The harness inside reads its seed from here (`--seed -`) and the pipe is then empty, so a
	// program that opens the harness's standard input finds nothing.
	child.stdin.on('error', () => {});
	child.stdin.end(`${run.seed}\n`);
	const pid = child.pid ?? -1;
	let stopped: SandboxEnd['stopped'];
	const kill = (why: NonNullable<SandboxEnd['stopped']>) => {
		stopped ??= why;
		signalGroup(pid, 'SIGKILL');
	};
	let bytes = 0;
	let partial = '';
	child.stdout.on('data', (chunk: Buffer) => {
		bytes += chunk.length;
		if (bytes > MAX_EVENT_BYTES) return kill('flood');
		const lines = (partial + chunk.toString()).split('\n');
		partial = lines.pop() ?? '';
		for (const line of lines) run.onLine(line);
	});
	let stderr = '';
	child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
	const deadline = setTimeout(() => kill('deadline'), run.deadlineMs);
	const onAbort = () => kill('interrupted');
	run.signal?.addEventListener('abort', onAbort, { once: true });
	if (run.signal?.aborted) onAbort();
	return new Promise((resolve) => {
		const done = (code: number | null, signal: NodeJS.Signals | null) => {
			clearTimeout(deadline);
			run.signal?.removeEventListener('abort', onAbort);
			untrackGroup(pid);
			if (partial !== '') run.onLine(partial);
			resolve({ code, signal, stderr, ...(stopped ? { stopped } : {}) });
		};
		child.on('close', done);
		child.on('error', (error) => {
			stderr += `\n${error.message}`;
			done(null, null);
		});
		trackGroup(pid, new Promise((settle) => child.on('close', settle)));
	});
}
