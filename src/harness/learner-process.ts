import { spawn, type ChildProcess } from 'node:child_process';
import { nodeLauncher, type ExitState, type Launch, type Launcher } from './launch.ts';
import { OutputLines, type OutputStream } from './output-lines.ts';
import { SpinSampler } from './process-info.ts';
import { signalGroup, trackGroup, untrackGroup } from './process-registry.ts';

/** Output beyond these limits within one check means the program prints without end. */
const MAX_OUTPUT_BYTES = 1024 * 1024;
const MAX_OUTPUT_LINES = 5000;
/** How long a program gets to exit on SIGTERM before its group is killed. */
const TERM_GRACE_MS = 200;

export interface SpawnOptions {
	entry: string;
	cwd: string;
	env: Record<string, string>;
	onLine: (line: string, stream: OutputStream) => void;
	/** Rewrites each line before it is kept, such as the working copy's path to the learner's. */
	rewrite?: (line: string) => string;
	/** Called once if the program is stopped for printing too much. */
	onFlood: (message: string) => void;
	/** Starts the program some other way than `node <entry>` (in a sandbox); see launch.ts. */
	launcher?: Launcher;
}

export type { ExitState };

/** One learner process in its own process group, with its output captured line by line. */
export class LearnerProcess {
	readonly pid: number;
	readonly output: OutputLines;
	/** Tells a program stuck in a loop from one that waits. */
	readonly spin: SpinSampler;
	readonly #child: ChildProcess;
	readonly #launch: Launch;
	readonly #exited: Promise<ExitState>;
	readonly #closed: Promise<void>;
	#exit: ExitState | undefined;
	#stopping = false;

	constructor(options: SpawnOptions) {
		const launch = (options.launcher ?? nodeLauncher).launch(
			options.entry,
			options.cwd,
			options.env,
		);
		this.#launch = launch;
		this.#child = spawn(launch.file, launch.args, {
			cwd: launch.cwd,
			env: launch.env,
			detached: true,
			stdio: ['ignore', 'pipe', 'pipe'],
		});
		if (this.#child.pid === undefined) throw new Error(`Could not start ${launch.file}.`);
		this.pid = this.#child.pid;
		const rewrite = options.rewrite ?? ((line: string) => line);
		this.output = new OutputLines(options.onLine, (line) => rewrite(launch.rewrite(line)));
		let flooded = false;
		const watch = (feed: (chunk: Buffer | null) => void) => (chunk: Buffer | null) => {
			feed(chunk);
			if (flooded || this.#stopping) return;
			const tooMuch =
				this.output.bytes > MAX_OUTPUT_BYTES
					? 'more than 1 MB of output'
					: this.output.lines > MAX_OUTPUT_LINES
						? `more than ${MAX_OUTPUT_LINES} lines of output`
						: undefined;
			if (!tooMuch) return;
			flooded = true;
			this.#kill();
			options.onFlood(`Your program printed ${tooMuch}; it was stopped`);
		};
		const out = watch(this.output.stream('stdout'));
		const err = watch(this.output.stream('stderr'));
		this.#child.stdout?.on('data', out);
		this.#child.stderr?.on('data', err);
		const ended = (stream: NodeJS.ReadableStream | null, feed: (c: null) => void) =>
			new Promise<void>((resolve) => {
				if (!stream) return resolve();
				stream.on('close', () => {
					feed(null);
					resolve();
				});
			});
		this.#closed = Promise.all([
			ended(this.#child.stdout, out),
			ended(this.#child.stderr, err),
		]).then(() => {});
		this.#exited = new Promise((resolve) => {
			this.#child.on('exit', (code, signal) => {
				this.#exit = launch.exitState(code, signal);
				this.spin.stop();
				resolve(this.#exit);
			});
		});
		this.spin = new SpinSampler(() => this.programPid);
		trackGroup(this.pid, this.#exited);
		// Spawn errors also arrive as 'exit' or 'close'; this only keeps them from being unhandled.
		this.#child.on('error', () => {});
	}

	get exit(): ExitState | undefined {
		return this.#exit;
	}

	/** The program's own process, which is `pid` unless it runs inside a sandbox; `undefined` once
	 * it has exited, when the number may already belong to another process. */
	get programPid(): number | undefined {
		return this.#exit ? undefined : this.#launch.programPid(this.pid);
	}

	/** Resolves true once the process has exited, or false after `ms`. */
	async waitForExit(ms: number): Promise<boolean> {
		if (this.#exit) return true;
		let timer: ReturnType<typeof setTimeout> | undefined;
		const timedOut = new Promise<false>((resolve) => {
			timer = setTimeout(() => resolve(false), ms);
		});
		const result = await Promise.race([this.#exited.then(() => true), timedOut]);
		clearTimeout(timer);
		return result;
	}

	/** Waits (bounded) until the process has exited and its output has been read to the end, so a
	 * message about a crash can quote the error it printed last. */
	async drained(ms: number): Promise<void> {
		await this.waitForExit(ms);
		let timer: ReturnType<typeof setTimeout> | undefined;
		await Promise.race([this.#closed, new Promise((resolve) => (timer = setTimeout(resolve, ms)))]);
		clearTimeout(timer);
	}

	/** Stops the whole process group: SIGTERM, a short grace, then SIGKILL. Idempotent. */
	async stop(): Promise<void> {
		this.#stopping = true;
		if (!this.#exit) {
			this.#launch.terminate(this.pid);
			await this.waitForExit(TERM_GRACE_MS);
		}
		this.#kill();
		await this.drained(2000);
		// A launch whose kill did not end it (a sandbox stuck on its way out) is ended from outside.
		if (!this.#exit) signalGroup(this.pid, 'SIGKILL');
		untrackGroup(this.pid);
	}

	/** Kills the program and all it started. Once the spawned process has exited, only its group is
	 * left to kill: its pid, which a launch would look under, may already be another process's. */
	#kill(): void {
		if (this.#exit) signalGroup(this.pid, 'SIGKILL');
		else this.#launch.kill(this.pid);
	}
}

/** "exited with code 1", "was killed by SIGSEGV". */
export function describeExit(exit: ExitState): string {
	if (exit.signal) return `was killed by ${exit.signal}`;
	return `exited with code ${exit.code ?? 'unknown'}`;
}
