// A lab session: turns the page's commands into work and reports it as events. The local runtime
// runs one in-process per page; the WebContainer runs the same code as `session-main.ts`.
import { folderLabSource, NO_PLAYGROUND, type LabSource } from '../labs/index.ts';
import type { Launcher } from '../harness/launch.ts';
import type { Support } from '../sandbox/probe.ts';
import type { CompileCache } from '../sandbox/compile-cache.ts';
import { sandboxLauncher } from '../sandbox/program.ts';
import { CheckRuns } from './check-runs.ts';
import { LiveRun } from './live-run.ts';
import type { LabFiles, RuntimeCommand, RuntimeEvent } from '../shared/protocol.ts';
import { takeRunSlot, type Release } from './run-slots.ts';
import type { SessionScale } from './session-scale.ts';

export interface LabSessionOptions {
	emit: (event: RuntimeEvent) => void;
	/** Where the labs and their playgrounds come from; the labs folder (src/labs/) unless given. */
	labs?: LabSource;
	/** Runs each Check press, and each Run press's program, in a sandbox of its own (Linux,
	 * bubblewrap; see src/sandbox/). A Run press's sandbox keeps the machine's network, since the
	 * page talks to the program through this process over loopback. */
	sandbox?: Extract<Support, { ok: true }>;
	/** Check runs start from this figure of the machine's speed instead of measuring it each; the
	 * in-browser session sets it (see session-scale.ts). */
	scale?: SessionScale;
	/** Compiled harness code for sandboxed check runs (src/sandbox/compile-cache.ts). */
	compileCache?: CompileCache;
}

export class LabSession {
	readonly #emit: (event: RuntimeEvent) => void;
	readonly #labs: LabSource;
	#run: LiveRun | undefined;
	/** The runtime-wide slot the current run holds, freed once it has stopped. */
	#runSlot: Release | undefined;
	/** Runs are started and stopped one after another, so two Run presses never overlap. */
	#runQueue: Promise<void> = Promise.resolve();
	/** Run presses are numbered; a Stop cancels every press up to the latest. */
	#tickets = 0;
	#cancelledUpTo = 0;
	readonly #checks: CheckRuns;
	/** Starts a Run press's program in its sandbox; unset, the program runs as this process's child. */
	readonly #launcher: Launcher | undefined;
	#closed = false;

	constructor(options: LabSessionOptions) {
		this.#labs = options.labs ?? folderLabSource();
		this.#emit = (event) => {
			if (!this.#closed) options.emit(event);
		};
		this.#checks = new CheckRuns(this.#emit, options.sandbox, options.scale, options.compileCache);
		this.#launcher = options.sandbox ? sandboxLauncher(options.sandbox) : undefined;
	}

	/** Starts the work a command asks for; its outcome arrives as events, never as an exception. */
	handle(command: RuntimeCommand): void {
		if (this.#closed) return;
		this.#do(command).catch((error: unknown) => {
			this.#emit({
				type: 'error',
				message: error instanceof Error ? error.message : String(error),
			});
		});
	}

	/** Whether a check run is under way (from the press until its `run-end`). */
	get checking(): boolean {
		return this.#checks.busy;
	}

	/** Stops the program and any check run, reports `stopped`, and resolves once both are gone. */
	async stop(): Promise<void> {
		await this.#stopAll();
		this.#emit({ type: 'stopped' });
	}

	/** Stops everything this session started and waits until it is gone, check runs included. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#stopAll();
	}

	async #do(command: RuntimeCommand): Promise<void> {
		switch (command.type) {
			case 'run':
				return this.#start(command.lab, command.files);
			case 'stop':
				return this.stop();
			case 'request': {
				const run = await this.#current();
				if (run) return run.request(command);
				this.#emit({
					type: 'request-error',
					id: command.id,
					message: 'Nothing is running: press Run first',
				});
				return;
			}
			case 'backend': {
				const run = await this.#current();
				if (run) return run.backend(command);
				throw new Error('Backends can be changed only while your program runs: press Run');
			}
			case 'check': {
				const { lab, files, seed } = command;
				if (!this.#known(lab)) return;
				return this.#checks.start(() => this.#labs.load(lab), files, seed);
			}
			// The local runtime's server replays checks itself (replay-run.ts) before a session sees
			// the command; a session that gets one runs where no replay can (the in-browser runtime).
			case 'replay':
				this.#emit({
					type: 'replay',
					state: 'failed',
					check: command.check,
					message: 'This runtime cannot replay a check; press Run to send requests to your program',
				});
				return;
		}
	}

	/** A Run press replaces the current run at once, even one still starting, and the new run starts
	 * only once the old one is gone, so two runs never hold ports or processes at the same time. */
	#start(id: string, files: LabFiles): Promise<void> {
		if (!this.#known(id)) return Promise.resolve();
		const ticket = ++this.#tickets;
		this.#cancelledUpTo = Math.max(this.#cancelledUpTo, ticket - 1);
		void this.#run?.stop();
		// Queued at once, so a request sent right after Run waits for this run, not the last one.
		return this.#queue(async () => {
			const lab = await this.#labs.load(id);
			const playground = (await this.#labs.playground(id)) ?? NO_PLAYGROUND;
			await this.#stopCurrent();
			if (!lab || this.#closed || ticket <= this.#cancelledUpTo) return;
			this.#runSlot = takeRunSlot();
			this.#run = new LiveRun(lab, playground, files, this.#emit, this.#launcher);
		});
	}

	/** Stops the program and a check run alike, and waits until both are gone. */
	async #stopAll(): Promise<void> {
		await Promise.all([this.#checks.stop(), this.#stopRun()]);
	}

	/** Stops the current run, even one still starting (a program stuck in a loop before it listens),
	 * and cancels any Run press still waiting its turn. */
	async #stopRun(): Promise<void> {
		this.#cancelledUpTo = this.#tickets;
		await this.#stopCurrent();
		await this.#queue(() => Promise.resolve());
	}

	/** Stops the current run and gives its slot back once it is gone. */
	async #stopCurrent(): Promise<void> {
		// Taken before waiting, so a run started meanwhile keeps its own slot.
		const slot = this.#runSlot;
		await this.#run?.stop();
		slot?.();
		if (this.#runSlot === slot) this.#runSlot = undefined;
	}

	/** The run that commands apply to, once every earlier Run press has taken effect. */
	async #current(): Promise<LiveRun | undefined> {
		await this.#runQueue;
		return this.#run;
	}

	#queue(step: () => Promise<void>): Promise<void> {
		const next = this.#runQueue.then(step);
		this.#runQueue = next.catch(() => {});
		return next;
	}

	/** Whether this runtime runs lab `id`; if not, tells the page which labs it does run. */
	#known(id: string): boolean {
		const known = this.#labs.list();
		if (known.includes(id)) return true;
		this.#emit({
			type: 'error',
			message: `Unknown lab "${id}"; this runtime runs: ${known.join(', ')}`,
		});
		return false;
	}
}
