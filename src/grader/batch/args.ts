// The instructor's modes of the `grade` command: `--batch` grades a class, `--report` prints one,
// `--merge` joins the results of a class graded in shards. They sit beside the single-lab command
// line, which stays exactly as the lab contracts fix it.
import { parseMergeArgs, type MergeArgs } from '../merge-args.ts';
import { parseShard, type Shard } from '../shard.ts';

export interface BatchArgs {
	mode: 'batch';
	/** The class folder: one folder per learner, each holding one folder per lab. */
	folder: string;
	/** Where results.csv and results.xml go. */
	out: string;
	/** Submissions graded at once; absent, the width follows the processors' idle time. */
	jobs?: number;
	seed?: number;
	/** Overrides each submission's deadline, in ms; by default it follows the lab's checks. */
	timeoutMs?: number;
	/** Set by `--no-sandbox`: without it, each submission runs in a sandbox of its own. */
	noSandbox?: true;
	/** Grades only this share of the learners. */
	shard?: Shard;
}

export interface ReportArgs {
	mode: 'report';
	csv: string;
	/** The HTML page to write; by default `report.html` beside the CSV. */
	html?: string;
}

export const BATCH_USAGE = [
	'usage: npm run grade -- --batch <folder> [--out <dir>] [--jobs N] [--seed N] [--timeout S] [--shard K/N] [--no-sandbox]',
	'       npm run grade -- --report <results.csv> [--html <file>]',
	'       npm run grade -- --merge <dir> <dir>... [--out <dir>]',
].join('\n');

/** `--help`: the usage and what each option means. */
export const BATCH_HELP = [
	BATCH_USAGE,
	'',
	'  --out <dir>   where results.csv and results.xml go (default: grade-results)',
	'  --jobs N      grade exactly N submissions at once. By default one per processor core, and',
	'                while the processors have idle time, more, up to four per core: a grader',
	'                mostly waits on its programs, and extra ones start only while cores are idle',
	'  --seed N      the seed every submission is graded with (default: a fresh one)',
	'  --timeout S   the most seconds one submission may take (default: from the lab)',
	'  --shard K/N   grade the K-th of N shares of the learners, to join later with --merge',
	"  --merge       join the results.csv and results.xml of each shard's --out folder",
	'  --no-sandbox  grade without the sandbox (bubblewrap, Linux) that each submission otherwise',
	'                runs in; only for submissions you trust, since each then runs with your rights',
	'  --html <file> where --report writes the page (default: report.html beside the CSV)',
].join('\n');

/** True when the command line asks for an instructor mode rather than one lab. */
export function isClassCommand(argv: readonly string[]): boolean {
	return argv.some((arg) => /^--(batch|report|merge)(=|$)/.test(arg));
}

/** Parses argv (without node and the script); returns an error line for a usage mistake. */
export function parseClassArgs(
	argv: readonly string[],
): BatchArgs | ReportArgs | MergeArgs | { error: string } {
	if (argv.includes('--merge')) return parseMergeArgs(argv, BATCH_USAGE);
	const values = new Map<string, string>();
	let sandbox = true;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		if (arg === '--help' || arg === '-h') return { error: BATCH_HELP };
		if (arg === '--no-sandbox') {
			sandbox = false;
			continue;
		}
		const match = /^--([a-z]+)(?:=(.*))?$/.exec(arg);
		if (!match) return { error: `unexpected argument ${arg}; ${BATCH_USAGE}` };
		const name = match[1] ?? '';
		const value = match[2] ?? argv[++i];
		if (!['batch', 'report', 'out', 'jobs', 'seed', 'timeout', 'html', 'shard'].includes(name)) {
			return { error: `unknown option --${name}; ${BATCH_USAGE}` };
		}
		if (value === undefined || value === '') return { error: `--${name} needs a value` };
		if (values.has(name)) return { error: `--${name} is given twice` };
		values.set(name, value);
	}
	const batch = values.get('batch');
	const report = values.get('report');
	if (batch !== undefined && report !== undefined) {
		return { error: '--batch and --report are separate steps: grade first, then print the report' };
	}
	if (report !== undefined) {
		const stray = ['out', 'jobs', 'seed', 'timeout', 'shard'].find((name) => values.has(name));
		if (stray) return { error: `--${stray} belongs to --batch, not --report` };
		if (!sandbox) return { error: '--no-sandbox belongs to --batch, not --report' };
		const html = values.get('html');
		return { mode: 'report', csv: report, ...(html === undefined ? {} : { html }) };
	}
	if (batch === undefined) return { error: BATCH_USAGE };
	if (values.has('html')) return { error: '--html belongs to --report, not --batch' };
	const jobs = wholeNumber(values.get('jobs'), 1, 256);
	const seed = wholeNumber(values.get('seed'), 0, 0xffffffff);
	const timeout = wholeNumber(values.get('timeout'), 1, 3600);
	if (jobs === null) return { error: `--jobs needs a whole number from 1 to 256` };
	if (seed === null) return { error: '--seed needs a whole number from 0 to 4294967295' };
	if (timeout === null) return { error: '--timeout needs a number of seconds from 1 to 3600' };
	const shardText = values.get('shard');
	const shard = shardText === undefined ? undefined : parseShard(shardText);
	if (shard === null) return { error: `--shard needs K/N with 1 <= K <= N, such as 2/3` };
	return {
		mode: 'batch',
		folder: batch,
		out: values.get('out') ?? 'grade-results',
		...(sandbox ? {} : { noSandbox: true as const }),
		...(shard ? { shard } : {}),
		...(jobs === undefined ? {} : { jobs }),
		...(seed === undefined ? {} : { seed }),
		...(timeout === undefined ? {} : { timeoutMs: timeout * 1000 }),
	};
}

/** The number; `undefined` when the option is absent, `null` when it is not a whole number in
 * range. */
function wholeNumber(
	text: string | undefined,
	min: number,
	max: number,
): number | undefined | null {
	if (text === undefined) return undefined;
	const value = Number(text);
	return /^\d+$/.test(text) && value >= min && value <= max ? value : null;
}
