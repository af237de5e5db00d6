// `npm run lab -- replay <lab-id> <folder> --check <id> [--seed N]`: runs one check as the grader
// did, then leaves the learner's program and the check's fake servers running and prints the
// request that shows the failure as a curl line that works now, until Ctrl+C stops everything.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import type { GradeIo } from '../grader/grade.ts';
import { randomSeed } from '../harness/random.ts';
import { replayCheck, type ReplaySetup } from '../harness/replay.ts';
import { stopProgramsOnExit } from '../harness/process-exit.ts';
import { labSource, shown, unknownLab } from './course.ts';

export const REPLAY_USAGE = 'npm run lab -- replay <lab-id> <folder> --check <id> [--seed N]';

export interface ReplayArgs {
	lab: string;
	folder: string;
	check: string;
	seed: number | undefined;
}

/** Reads the command's arguments; a string is the usage error to print. */
export function parseReplayArgs(args: readonly string[]): ReplayArgs | string {
	const positional: string[] = [];
	let check: string | undefined;
	let seed: number | undefined;
	for (let i = 0; i < args.length; i++) {
		const arg = args[i] ?? '';
		if (arg === '--check') check = args[++i];
		else if (arg === '--seed') {
			seed = Number(args[++i]);
			if (!Number.isInteger(seed) || seed < 0)
				return `--seed takes a whole number; usage: ${REPLAY_USAGE}`;
		} else if (arg.startsWith('-')) return `unknown option ${arg}; usage: ${REPLAY_USAGE}`;
		else positional.push(arg);
	}
	const [lab, folder, extra] = positional;
	if (!lab || !folder || extra !== undefined || !check) return `usage: ${REPLAY_USAGE}`;
	return { lab, folder, check, seed };
}

function describe(setup: ReplaySetup, lab: string, io: GradeIo): void {
	const out = (line = '') => io.stdout(`${line}\n`);
	out();
	out(setup.failure ? `The check failed: ${setup.failure}` : 'The check passed.');
	if (setup.program) {
		const env = Object.entries(setup.env)
			.map(([name, value]) => `${name}=${value}`)
			.join(' ');
		out(
			`Your program is running at ${setup.program.url} (${setup.program.exited() ? 'it has exited' : 'still running'}), started with ${env}`,
		);
	}
	for (const server of setup.servers)
		out(`Fake server "${server.name}" is running at ${server.url}`);
	if (setup.curl) {
		out('Send the request again (it reaches your program as the check sent it):');
		out(`  ${setup.curl}`);
	} else out('The check sent no request to your program.');
	out(
		`Replay again with the same data: npm run lab -- replay ${lab} <folder> --check ${setup.check.id} --seed ${setup.seed}`,
	);
	out('Press Ctrl+C to stop your program and the fake servers.');
}

export async function replay(args: ReplayArgs, io: GradeIo): Promise<number> {
	const lab = await labSource.load(args.lab);
	if (!lab) {
		io.stderr(`${unknownLab(args.lab)}\n`);
		return 2;
	}
	const folder = resolve(io.cwd, args.folder);
	if (!existsSync(folder)) {
		io.stderr(`No folder at ${shown(folder)}\n`);
		return 2;
	}
	if (!lab.checks.some((check) => check.id === args.check)) {
		io.stderr(
			`Lab ${lab.id} has no check "${args.check}". Its checks: ${lab.checks.map((check) => check.id).join(', ')}\n`,
		);
		return 2;
	}
	const seed = args.seed ?? randomSeed();
	const running: { setup?: ReplaySetup } = {};
	// Ctrl+C stops the fake servers first, then the shared clean-up kills the program's group; a
	// Ctrl+C while the check still runs is covered by that clean-up alone.
	stopProgramsOnExit(() => void running.setup?.stop());
	io.stdout(`Replaying "${args.check}" of ${lab.id} on ${shown(folder)} with seed ${seed}…\n`);
	running.setup = await replayCheck(lab, args.check, {
		folder,
		seed,
		onLine: (line) => io.stdout(`[your_program] ${line}\n`),
	});
	describe(running.setup, lab.id, io);
	// Everything keeps running until a signal: the clean-up registered above ends the process.
	return new Promise<number>(() => {});
}
