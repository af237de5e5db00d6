// The learner's and teacher's command line around the labs:
//   npm run lab -- init <lab-id> <folder>
//   npm run lab -- check <lab-id> [folder] [--watch] [--seed N] [--only id,id]
//   npm run lab -- classroom <lab-id> <out-folder>
//   npm run lab -- replay <lab-id> <folder> --check <id> [--seed N]
import { grade, type GradeIo } from '../grader/grade.ts';
import { classroom } from './classroom.ts';
import { exitAfterFlush, stopProgramsOnExit } from '../harness/process-exit.ts';
import { labSource, userCwd } from './course.ts';
import { init } from './init.ts';
import { parseReplayArgs, replay, REPLAY_USAGE } from './replay.ts';
import { watchChecks } from './watch.ts';

const USAGE = [
	'usage: npm run lab -- init <lab-id> <folder>',
	'       npm run lab -- check <lab-id> [folder] [--watch] [--seed N] [--only id,id]',
	'       npm run lab -- classroom <lab-id> <out-folder>',
	`       ${REPLAY_USAGE}`,
].join('\n');

const io: GradeIo = {
	stdout: (text) => void process.stdout.write(text),
	stderr: (text) => void process.stderr.write(text),
	tty: process.stdout.isTTY === true,
	cwd: userCwd(),
};

function fail(message: string): void {
	io.stderr(`${message}\n`);
	exitAfterFlush(2);
}

const [command, ...rest] = process.argv.slice(2);
const positional = positionals(rest);
if (command === 'init') {
	const [lab, folder, extra] = rest;
	if (!lab || !folder || extra !== undefined) fail(USAGE);
	else {
		const { error } = init(lab, folder, io.stdout);
		if (error) fail(error);
	}
} else if (command === 'check') {
	const watching = rest.includes('--watch');
	const [lab] = positional;
	// Options other than --watch are the grader's own; without a folder, it is the current one.
	const folder = positional.length === 1 ? '.' : undefined;
	const gradeArgv = [...rest.filter((arg) => arg !== '--watch'), ...(folder ? [folder] : [])];
	if (!lab) fail(USAGE);
	else if (watching) void watchChecks(gradeArgv, folder ?? positional[1] ?? '.', io);
	else {
		stopProgramsOnExit();
		void grade(gradeArgv, labSource, io).then(exitAfterFlush);
	}
} else if (command === 'classroom') {
	const [lab, out, extra] = rest;
	if (!lab || !out || extra !== undefined) fail(USAGE);
	else void classroom(lab, out, io).then(exitAfterFlush);
} else if (command === 'replay') {
	const args = parseReplayArgs(rest);
	if (typeof args === 'string') fail(args);
	else void replay(args, io).then(exitAfterFlush);
} else {
	fail(
		command === undefined || command === '--help' || command === '-h'
			? USAGE
			: `unknown command ${command}; ${USAGE}`,
	);
}

/** The arguments that are not options or option values (`--seed 7` takes the 7 with it). */
function positionals(args: readonly string[]): string[] {
	const found: string[] = [];
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === '--seed' || arg === '--only') i++;
		else if (!arg.startsWith('-')) found.push(arg);
	}
	return found;
}
