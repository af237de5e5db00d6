// A lab session: turns the page's commands into work and reports it as events. The local runtime
// runs one in-process per page; the WebContainer runs the same code as `session-main.ts`.
import { fileURLToPath } from 'node:url';
import { folderLabSource, type LabSource } from '../grader/lab-source.ts';
import { runLab } from '../harness/runner.ts';
import { writeLabFolder, type LabFolder } from './lab-folder.ts';
import { LiveRun } from './live-run.ts';
import { playgrounds } from './playgrounds.ts';
import type { LabFiles, RuntimeCommand, RuntimeEvent } from './protocol.ts';

export interface LabSessionOptions {
	runtime: 'local' | 'webcontainer';
	emit: (event: RuntimeEvent) => void;
	/** Where the labs come from; the project's `labs/` folder unless given. */
	labs?: LabSource;
}

export class LabSession {
	readonly #emit: (event: RuntimeEvent) => void;
	readonly #labs: LabSource;
	#run: LiveRun | undefined;
	/** Runs are started and stopped one after another, so two Run presses never overlap. */
	#runQueue: Promise<void> = Promise.resolve();
	/** Run presses are numbered; a Stop cancels every press up to the latest. */
	#tickets = 0;
	#cancelledUpTo = 0;
	/** The last check run, settled when it has cleaned up. */
	#checking: Promise<void> | undefined;
	/** True from a Check press until its `run-end`. */
	#checkBusy = false;
	#closed = false;

	constructor(options: LabSessionOptions) {
		this.#labs =
			options.labs ?? folderLabSource(fileURLToPath(new URL('../../labs', import.meta.url)));
		this.#emit = (event) => {
			if (!this.#closed) options.emit(event);
		};
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

	/** Stops everything this session started and waits until it is gone, check runs included. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#stopRun();
		await this.#checking;
	}

	async #do(command: RuntimeCommand): Promise<void> {
		switch (command.type) {
			case 'run':
				return this.#start(command.lab, command.files);
			case 'stop':
				await this.#stopRun();
				this.#emit({ type: 'stopped' });
				return;
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
			case 'check':
				return this.#check(command.lab, command.files, command.seed);
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
			await this.#run?.stop();
			if (!lab || this.#closed || ticket <= this.#cancelledUpTo) return;
			const playground = playgrounds[lab.id] ?? { files: {}, companions: [], env: () => ({}) };
			this.#run = new LiveRun(lab, playground, files, this.#emit);
		});
	}

	/** Stops the current run, even one still starting (a program stuck in a loop before it listens),
	 * and cancels any Run press still waiting its turn. */
	async #stopRun(): Promise<void> {
		this.#cancelledUpTo = this.#tickets;
		await this.#run?.stop();
		await this.#queue(() => Promise.resolve());
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

	/** One check run at a time: a second Check press while one runs is refused, not queued, so the
	 * results on the page always belong to the files the learner last checked. A press that comes
	 * after the `run-end` is accepted and starts once the last run has cleaned up. */
	#check(id: string, files: LabFiles, seed: number | undefined): Promise<void> {
		if (this.#checkBusy) {
			return Promise.reject(
				new Error('Checks are already running: wait for them to finish, then check again'),
			);
		}
		if (!this.#known(id)) return Promise.resolve();
		this.#checkBusy = true;
		const previous = this.#checking;
		const checking = (async () => {
			let folder: LabFolder | undefined;
			try {
				await previous;
				const lab = await this.#labs.load(id);
				if (!lab || this.#closed) return;
				folder = await writeLabFolder(files);
				await runLab(lab, {
					folder: folder.path,
					...(seed === undefined ? {} : { seed }),
					onEvent: (event) => {
						if (event.type === 'run-end') this.#checkBusy = false;
						this.#emit({ type: 'check', event });
					},
				});
			} finally {
				this.#checkBusy = false;
				await folder?.remove();
			}
		})();
		const settled = checking.catch(() => {});
		this.#checking = settled;
		void settled.then(() => {
			if (this.#checking === settled) this.#checking = undefined;
		});
		return checking;
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
