import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { runLab, type HarnessEvent, type RunResult } from '../harness/index.ts';
import { randomSeed } from '../harness/random.ts';
import { sandboxSupport } from '../sandbox/probe.ts';
import { inspectSubmission, SubmissionRefused } from '../harness/submission-files.ts';
import { parseArgs, parseSeed, type GradeArgs } from './args.ts';
import { deadlineFor } from '../harness/deadline.ts';
import type { LabSource } from '../labs/index.ts';
import { refusedRun, runLabSandboxed } from '../sandbox/run-lab.ts';
import { jsonReport } from './reporters/json.ts';
import { terminalReporter } from './reporters/terminal.ts';

export interface GradeIo {
	stdout: (text: string) => void;
	stderr: (text: string) => void;
	tty: boolean;
	/** Where a relative folder is resolved from: where the learner typed the command. */
	cwd: string;
	/** All of standard input, for `--seed -`. */
	readStdin?: () => Promise<string>;
}

/** Runs the grader command line and returns its exit status: 0 every check passed, 1 a check
 * failed, 2 a usage error (reported as one line on stderr). */
export async function grade(
	argv: readonly string[],
	source: LabSource,
	io: GradeIo,
): Promise<number> {
	const usage = (message: string) => {
		io.stderr(`${message}\n`);
		return 2;
	};
	const args = parseArgs(argv);
	if ('error' in args) return usage(args.error);
	const known = source.list();
	let lab;
	try {
		lab = await source.load(args.lab);
	} catch (error) {
		const text = error instanceof Error ? error.message : String(error);
		return usage(
			`grader error: lab "${args.lab}" could not be loaded: ${text.split('\n')[0] ?? ''}`,
		);
	}
	if (!lab) {
		return usage(
			`Unknown lab "${args.lab}". Known labs: ${known.length > 0 ? known.join(', ') : '(none)'}`,
		);
	}
	const folder = resolve(io.cwd, args.folder);
	if (!isDirectory(folder)) {
		return usage(`Folder not found: ${args.folder} (give the folder that holds your ${lab.entry})`);
	}
	const unknownChecks = (args.only ?? []).filter((id) => !lab.checks.some((c) => c.id === id));
	if (unknownChecks.length > 0) {
		return usage(
			`Unknown check ${unknownChecks.join(', ')} in lab ${lab.id}. Its checks: ${lab.checks.map((c) => c.id).join(', ')}`,
		);
	}
	const onEvent: (event: HarnessEvent) => void =
		args.format === 'text'
			? terminalReporter({ write: io.stdout, tty: io.tty })
			: args.format === 'events'
				? (event) => io.stdout(`${JSON.stringify(event)}\n`)
				: () => {};
	const seed =
		args.seed === 'stdin' ? parseSeed(await (io.readStdin?.() ?? '')) : (args.seed ?? randomSeed());
	if (seed === undefined) return usage('--seed - needs a whole number on standard input');
	const only = args.only ? { only: args.only } : {};
	const scale = args.timeScale ? { timeScale: args.timeScale } : {};
	let result: RunResult;
	if (args.sandbox === true) {
		const support = sandboxSupport();
		if (!support.ok) return usage(`--sandbox cannot start here: ${support.why}`);
		const deadlineMs = deadlineFor(lab);
		result = await runLabSandboxed(lab, {
			support,
			folder,
			seed,
			...only,
			...scale,
			deadlineMs,
			onEvent,
		});
	} else {
		const refused = refusal(folder);
		result = refused
			? refusedRun(lab, seed, refused, onEvent, args.only)
			: await runLab(lab, { folder, seed, ...only, ...scale, onEvent });
		if (args.sandbox === undefined && args.format === 'text') noteOnce(io, args);
	}
	if (args.format === 'json') {
		io.stdout(`${JSON.stringify(jsonReport(result), null, 2)}\n`);
		// Standard output holds only the document; the seed to replay a failure goes to stderr.
		if (!result.passed) io.stderr(`seed: ${result.seed} (replay with --seed ${result.seed})\n`);
	}
	return result.passed ? 0 : 1;
}

/** The message that refuses a submission (a link out of it, an oversized file), if one does. */
function refusal(folder: string): string | undefined {
	try {
		inspectSubmission(folder);
		return undefined;
	} catch (error) {
		if (error instanceof SubmissionRefused) return error.message;
		throw error;
	}
}

let noted = false;

/** Says once per process (a `--watch` run grades many times) that no sandbox was used: right for
 * a learner's own work, not for a stranger's. */
function noteOnce(io: GradeIo, args: GradeArgs): void {
	if (noted) return;
	noted = true;
	io.stderr(
		`Note: graded without a sandbox, so ${args.folder} ran with your own rights. That is fine for your own work; for someone else's, add --sandbox (Linux with bubblewrap).\n`,
	);
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
