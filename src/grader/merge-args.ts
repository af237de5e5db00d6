// The command line of `grade --merge <dir> <dir>... [--out <dir>]`.

export interface MergeArgs {
	mode: 'merge';
	/** The shards' result folders, each holding results.csv and results.xml. */
	folders: string[];
	out: string;
}

/** Parses argv (without node and the script); returns an error line for a usage mistake. */
export function parseMergeArgs(
	argv: readonly string[],
	usage: string,
): MergeArgs | { error: string } {
	const folders: string[] = [];
	let out: string | undefined;
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i] ?? '';
		if (arg === '--merge') continue;
		if (arg === '--out') out = argv[++i] ?? '';
		else if (arg.startsWith('--out=')) out = arg.slice('--out='.length);
		else if (arg.startsWith('-')) return { error: `${arg} does not go with --merge; ${usage}` };
		else folders.push(arg);
	}
	if (folders.length === 0) return { error: `--merge needs the shards' result folders; ${usage}` };
	if (out === '') return { error: '--out needs a value' };
	return { mode: 'merge', folders, out: out ?? 'grade-results' };
}
