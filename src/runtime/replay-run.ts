// "Try this request" in the local runtime: a failed check run again as the check run did (the
// learner's files, the run's seed, so the same random data, the same fake servers and the same
// environment for the program), left running so the request console can send the check's request
// to the program again and get the answer the check got. The harness does the replaying
// (src/harness/replay.ts); this keeps one replay per page's session, in the sandbox a Run press's
// program runs in, and sends the console's requests to it.
import { replayCheck, type ReplaySetup } from '../harness/replay.ts';
import type { Launcher } from '../harness/launch.ts';
import { CheckScope } from '../harness/scope.ts';
import type { LabDefinition } from '../harness/types.ts';
import type { RuntimeCommand, RuntimeEvent } from '../shared/protocol.ts';
import { forwardRequest } from './forward-request.ts';
import { writeLabFolder } from './lab-folder.ts';
import { takeRunSlot } from './run-slots.ts';

type ReplayCommand = Extract<RuntimeCommand, { type: 'replay' }>;
type RequestCommand = Extract<RuntimeCommand, { type: 'request' }>;

/** One replay, from the command to its stop. Everything it starts (the working copy, the program,
 * the fake servers, the run slot) goes when `stop` is called, however far it got. */
export class ReplayRun {
	readonly check: string;
	readonly #emit: (event: RuntimeEvent) => void;
	/** Cancels the console's requests when the replay stops, so none waits on a program that went. */
	readonly #scope = new CheckScope();
	#ended: Promise<void> | undefined;
	/** Cuts a check still running short when the replay is stopped. */
	readonly #abort = new AbortController();
	/** Resolves with the running setup, or undefined when the replay could not start. */
	readonly ready: Promise<ReplaySetup | undefined>;

	/** `prepare` clears the way (the last replay, the Run press's program) and loads the lab. */
	constructor(
		command: ReplayCommand,
		prepare: () => Promise<LabDefinition | undefined>,
		emit: (event: RuntimeEvent) => void,
		launcher?: Launcher,
	) {
		this.check = command.check;
		this.#emit = emit;
		this.ready = this.#start(command, prepare, launcher);
	}

	async #start(
		command: ReplayCommand,
		prepare: () => Promise<LabDefinition | undefined>,
		launcher: Launcher | undefined,
	): Promise<ReplaySetup | undefined> {
		const lab = await prepare().catch(() => undefined);
		if (this.#ended) return undefined;
		if (!lab) {
			this.#fail(`Unknown lab "${command.lab}"`);
			return undefined;
		}
		const check = lab.checks.find((candidate) => candidate.id === command.check);
		if (!check) {
			this.#fail(`Lab ${lab.id} has no check "${command.check}"`);
			return undefined;
		}
		try {
			const release = takeRunSlot();
			this.#scope.add(() => release());
			const folder = await writeLabFolder(command.files);
			this.#scope.add(() => folder.remove());
			const setup = await replayCheck(lab, check.id, {
				folder: folder.path,
				seed: command.seed,
				onLine: (line) =>
					this.#emit({ type: 'output', stream: 'stdout', line: folder.relative(line) }),
				signal: this.#abort.signal,
				...(launcher ? { launcher } : {}),
			});
			// Stopped first, so the program is gone before its working copy is removed.
			this.#scope.add(() => setup.stop());
			if (this.#ended) {
				await this.#scope.close();
				return undefined;
			}
			this.#emit({
				type: 'replay',
				state: 'started',
				check: check.id,
				title: check.title,
				failure: setup.failure ?? null,
				running: setup.program !== undefined && !setup.program.exited(),
				servers: setup.servers.map((server) => ({ name: server.name, url: server.url })),
			});
			return setup;
		} catch (error) {
			await this.#scope.close();
			this.#fail(error instanceof Error ? error.message : String(error));
			return undefined;
		}
	}

	#fail(message: string): void {
		this.#emit({ type: 'replay', state: 'failed', check: this.check, message });
	}

	/** Sends one of the console's requests to the replayed program. */
	async request(command: RequestCommand): Promise<void> {
		const setup = await this.ready;
		const program = setup?.program;
		if (!program || this.#ended) {
			const message = setup
				? 'This check starts no program to send requests to'
				: 'The replay did not start: press Run to send requests to your program';
			this.#emit({ type: 'request-error', id: command.id, message });
			return;
		}
		this.#emit(await forwardRequest(this.#scope, program, command));
	}

	/** Stops the program and the fake servers, cutting short a check still running, and resolves
	 * once they are gone. Idempotent. */
	stop(): Promise<void> {
		this.#ended ??= (async () => {
			this.#abort.abort();
			const setup = await this.ready;
			await this.#scope.close();
			if (setup) this.#emit({ type: 'replay', state: 'ended', check: this.check });
		})();
		return this.#ended;
	}
}

/** What the replays need from the page's session: whether a check run is under way, and a way to
 * stop its Run press's program, which a replay replaces. */
export interface ReplayHost {
	checking?: boolean;
	stop?(): Promise<void>;
}

/** A page's replays, one at a time: a new one replaces the last, and Stop, a Run press, the page
 * going away and the server stopping end it. */
export class PageReplays {
	readonly #emit: (event: RuntimeEvent) => void;
	readonly #load: (id: string) => Promise<LabDefinition | undefined>;
	readonly #launcher: Launcher | undefined;
	#current: ReplayRun | undefined;
	#closed = false;

	constructor(
		emit: (event: RuntimeEvent) => void,
		load: (id: string) => Promise<LabDefinition | undefined>,
		launcher?: Launcher,
	) {
		this.#emit = emit;
		this.#load = load;
		this.#launcher = launcher;
	}

	/** Takes the commands a replay changes: true when this handled the command, false when the
	 * session should, after any replay it ends. */
	async route(command: RuntimeCommand, host: ReplayHost): Promise<boolean> {
		switch (command.type) {
			case 'replay':
				this.#start(command, host);
				return true;
			case 'request': {
				// A replay that could not start leaves the requests to the Run press's program.
				const current = this.#current;
				if (!current || !(await current.ready)) return false;
				void current.request(command);
				return true;
			}
			case 'run':
			case 'stop':
				await this.stop();
				return false;
			default:
				return false;
		}
	}

	#start(command: ReplayCommand, host: ReplayHost): void {
		// A replay beside a check run would take the cores the run's timing checks are measured on.
		if (host.checking) {
			const message = 'Checks are running: wait for them to finish, then try this request again';
			this.#emit({ type: 'replay', state: 'failed', check: command.check, message });
			return;
		}
		const previous = this.#current;
		const prepare = async () => {
			await previous?.stop();
			await host.stop?.();
			return this.#closed ? undefined : this.#load(command.lab);
		};
		// Set at once, so a request sent right after waits for this replay.
		this.#current = new ReplayRun(command, prepare, this.#emit, this.#launcher);
	}

	/** Stops the current replay, if any, and waits until its program and servers are gone. */
	async stop(): Promise<void> {
		const current = this.#current;
		this.#current = undefined;
		await current?.stop();
	}

	async close(): Promise<void> {
		this.#closed = true;
		await this.stop();
	}
}
