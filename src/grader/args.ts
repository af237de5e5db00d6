import { parseScaleArgument } from '../harness/time-scale.ts';
import type { TimeScale } from '../harness/types.ts';

/** The grader's command line, parsed. */
export interface GradeArgs {
	lab: string;
	folder: string;
	format: 'text' | 'json' | 'events';
	/** The run's seed, or 'stdin' for `--seed -`: read the seed from standard input. The sandbox
	 * hands it in that way, because a program graded beside the harness can read the harness's
	 * command line (/proc/<pid>/cmdline) but not a pipe the harness has already drained. */
	seed?: number | 'stdin';
	only?: string[];
	/** `--sandbox` runs the harness and program in a sandbox (Linux, bubblewrap); `--no-sandbox`
	 * says that running without one is meant, which silences the note about it. */
	sandbox?: boolean;
	/** `--time-scale`: the machine's time scale as measured by whoever started this grader (the
	 * local runtime hands its figure to the harness it runs in a sandbox), so the run starts without
	 * measuring the machine; a timing miss still measures it again. Not in the usage line: it is for
	 * the runtime, not for learners. */
	timeScale?: TimeScale;
}

export const USAGE =
	'usage: npm run --silent grade -- <lab-id> <folder> [--json | --events] [--seed N] [--only id,id] [--sandbox]';

/** Parses argv (without node and the script); returns an error line for a usage mistake. */
export function parseArgs(argv: readonly string[]): GradeArgs | { error: string } {
	const positional: string[] = [];
	let format: GradeArgs['format'] = 'text';
	let seed: GradeArgs['seed'];
	let only: string[] | undefined;
	let sandbox: boolean | undefined;
	let timeScale: TimeScale | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		const [flag, inline] = arg.startsWith('--') ? splitFlag(arg) : [arg, undefined];
		const value = () => inline ?? argv[++i];
		if (flag === '--json') format = 'json';
		else if (flag === '--events') format = 'events';
		else if (flag === '--sandbox' || flag === '--no-sandbox') {
			if (sandbox !== undefined) return { error: 'give --sandbox or --no-sandbox, once' };
			sandbox = flag === '--sandbox';
		} else if (flag === '--seed') {
			const text = value();
			const parsed = text === '-' ? 'stdin' : parseSeed(text);
			if (parsed === undefined) {
				return {
					error: `--seed needs a whole number from 0 to 4294967295, got ${text ?? 'nothing'}`,
				};
			}
			seed = parsed;
		} else if (flag === '--only') {
			const text = value();
			if (!text) return { error: '--only needs a comma-separated list of check ids' };
			only = text.split(',').filter(Boolean);
		} else if (flag === '--time-scale') {
			const text = value();
			timeScale = text === undefined ? undefined : parseScaleArgument(text);
			if (!timeScale) {
				return {
					error: `--time-scale needs a measured scale, {"factor":1.5,"capped":false,"startMs":60,"cpuMs":11}, with a factor from 1 to 5; got ${text ?? 'nothing'}`,
				};
			}
		} else if (flag === '--help' || flag === '-h') return { error: USAGE };
		else if (flag.startsWith('-')) return { error: `unknown option ${flag}; ${USAGE}` };
		else positional.push(arg);
	}
	const [lab, folder, extra] = positional;
	if (!lab || !folder || extra !== undefined) return { error: USAGE };
	const args: GradeArgs = { lab, folder, format };
	if (seed !== undefined) args.seed = seed;
	if (only) args.only = only;
	if (sandbox !== undefined) args.sandbox = sandbox;
	if (timeScale) args.timeScale = timeScale;
	return args;
}

/** A seed as written on a command line or a line of input, if it is one. */
export function parseSeed(text: string | undefined): number | undefined {
	const trimmed = text?.trim();
	if (!trimmed || !/^\d+$/.test(trimmed) || Number(trimmed) > 0xffffffff) return undefined;
	return Number(trimmed);
}

function splitFlag(arg: string): [string, string | undefined] {
	const at = arg.indexOf('=');
	return at === -1 ? [arg, undefined] : [arg.slice(0, at), arg.slice(at + 1)];
}
