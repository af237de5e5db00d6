import { StringDecoder } from 'node:string_decoder';

/** Which of a process's output streams a line came from. */
export type OutputStream = 'stdout' | 'stderr';

/** How many of the latest lines a program printed are kept for messages. */
const KEPT_LINES = 20;
/** Longer lines are cut, so one huge line cannot flood a report. */
const MAX_LINE_CHARS = 500;

/** Splits a process's stdout and stderr into lines as they arrive, keeps the last few, and counts
 * everything so that a program printing without end can be stopped. */
export class OutputLines {
	readonly #recent: string[] = [];
	readonly #onLine: (line: string, stream: OutputStream) => void;
	readonly #rewrite: (line: string) => string;
	bytes = 0;
	lines = 0;

	constructor(
		onLine: (line: string, stream: OutputStream) => void,
		rewrite: (line: string) => string = (line) => line,
	) {
		this.#onLine = onLine;
		this.#rewrite = rewrite;
	}

	/** Returns a function to feed one stream's chunks to; call it with `null` at the stream's end.
	 * Each line is reported with the stream's name, so a live console can show errors apart. */
	stream(name: OutputStream = 'stdout'): (chunk: Buffer | null) => void {
		const decoder = new StringDecoder('utf8');
		let partial = '';
		return (chunk) => {
			if (chunk === null) {
				const rest = partial + decoder.end();
				partial = '';
				if (rest.length > 0) this.#push(rest, name);
				return;
			}
			this.bytes += chunk.length;
			const parts = (partial + decoder.write(chunk)).split('\n');
			partial = parts.pop() ?? '';
			// A partial line that grows without a newline is still output; cut it into pieces.
			while (partial.length > MAX_LINE_CHARS * 4) {
				parts.push(partial.slice(0, MAX_LINE_CHARS));
				partial = partial.slice(MAX_LINE_CHARS * 4);
			}
			for (const line of parts) this.#push(line, name);
		};
	}

	recent(): string[] {
		return [...this.#recent];
	}

	#push(raw: string, name: OutputStream): void {
		const line = this.#rewrite(raw.endsWith('\r') ? raw.slice(0, -1) : raw);
		const kept = line.length > MAX_LINE_CHARS ? `${line.slice(0, MAX_LINE_CHARS)}…` : line;
		this.lines++;
		this.#recent.push(kept);
		if (this.#recent.length > KEPT_LINES) this.#recent.shift();
		this.#onLine(kept, name);
	}
}

/** Picks the line of a program's output that best explains a crash, for a one-line message: the
 * error line of a stack trace rather than Node's version banner that ends it. */
export function telltaleLine(lines: readonly string[]): string | undefined {
	const meaningful = lines.filter(
		(line) => line.trim() !== '' && !/^\s+at /.test(line) && !/^Node\.js v\d/.test(line),
	);
	const error = meaningful.find((line) => /^(\w+:\s)?(\w*Error|Uncaught)\b/.test(line.trim()));
	const chosen = error ?? meaningful.at(-1);
	return chosen?.trim();
}
