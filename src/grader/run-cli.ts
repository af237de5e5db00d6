import { exitAfterFlush, stopProgramsOnExit } from '../harness/process-exit.ts';
import { killAllGroups } from '../harness/process-registry.ts';
import type { LabSource } from '../labs/index.ts';
import { isClassCommand } from './batch/args.ts';
import { grade } from './grade.ts';

/** A backstop far above any lab's real duration: the runner bounds every check, so reaching it means
 * a grader bug, and even then the grader must end and leave no process behind. */
const DEADLINE_MS = 5 * 60 * 1000;

/** Runs the grader as a process: wires stdout/stderr, kills every learner process group on any
 * way out (normal end, Ctrl-C, SIGTERM, deadline), and exits with the grade's status. */
export function runCli(source: LabSource): void {
	// Instructors' modes (`--batch`, `--report`) run graders as child processes and manage them.
	// They are loaded only when asked for, so the grader inside a sandbox needs only its own files.
	if (isClassCommand(process.argv.slice(2))) {
		void import('./batch/cli.ts').then(({ runClassCli }) =>
			runClassCli(source, process.argv.slice(2)),
		);
		return;
	}
	stopProgramsOnExit();
	const deadline = setTimeout(() => {
		process.stderr.write(
			`grader error: the run took longer than ${DEADLINE_MS / 1000} s; stopped\n`,
		);
		killAllGroups();
		process.exit(1);
	}, DEADLINE_MS);
	deadline.unref();
	process.on('unhandledRejection', (reason) => {
		// Every known source of rejection is handled; report a stray one without blaming the learner.
		process.stderr.write(
			`grader error: ${reason instanceof Error ? reason.message : String(reason)}\n`,
		);
	});
	const io = {
		stdout: (text: string) => void process.stdout.write(text),
		stderr: (text: string) => void process.stderr.write(text),
		tty: process.stdout.isTTY === true,
		cwd: process.env['INIT_CWD'] ?? process.cwd(),
		readStdin: async () => {
			const chunks: Buffer[] = [];
			for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
			return Buffer.concat(chunks).toString();
		},
	};
	grade(process.argv.slice(2), source, io).then(
		(code) => finish(code),
		(error: unknown) => {
			process.stderr.write(
				`grader error: ${error instanceof Error ? error.stack : String(error)}\n`,
			);
			finish(1);
		},
	);
}

/** Stops the learner's programs at once, then exits once stdout has been flushed. */
function finish(code: number): void {
	killAllGroups();
	exitAfterFlush(code);
}
