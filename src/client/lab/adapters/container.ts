// What the page's in-browser runtime needs from a container: a file system to write a command's
// files into and one terminal process running the lab session. A WebContainer provides it in the
// page (webcontainer.ts); the tests provide the same shape with a real Node process behind a
// pseudo-terminal, so the code that talks to the session (wire-runtime.ts, session-link.ts) is the
// one that runs here.

/** The lab session process, seen through its terminal. */
export interface TerminalProcess {
	/** Everything the terminal shows: the session's stdout and stderr, echo and ANSI codes. */
	output: ReadableStream<string>;
	/** What is typed into the terminal. */
	input: WritableStream<string>;
	/** Settles with the exit code once the process has ended. */
	exit: Promise<number>;
}

export interface Container {
	/** What the page's status line calls it: `WebContainer`, or what a test runs instead. */
	readonly name: string;
	/** Writes text files, creating folders as needed; paths are relative to the session's folder. */
	writeFiles(files: Record<string, string>): Promise<void>;
	/** Starts `node session.mjs` in the session's folder, behind a terminal. */
	startSession(): Promise<TerminalProcess>;
	/** Ends the container and everything in it, a learner program stuck in a loop included. */
	teardown(): void;
}

/** Boots a fresh container with the session bundle in place. */
export type BootContainer = () => Promise<Container>;
