import { CheckFailure } from '../harness/check-failure.ts';
import { describeExit } from '../harness/learner-process.ts';
import { CheckScope } from '../harness/scope.ts';
import { startProgram, type ProgramHandle } from '../harness/start.ts';
import type { Launcher } from '../harness/launch.ts';
import type { LabDefinition, LearnerProgram } from '../harness/types.ts';
import { Companions } from './companions.ts';
import { forwardRequest } from './forward-request.ts';
import { writeLabFolder } from './lab-folder.ts';
import { outlivedStop, stopRequested } from './learner-watch.ts';
import type { Playground } from '../harness/define-playground.ts';
import type { LabFiles, RuntimeCommand, RuntimeEvent } from '../shared/protocol.ts';

/** A learner's server may load a file or two first; more than this is a program that hangs. */
const LISTEN_TIMEOUT_MS = 5000;

/** One press of Run: the learner's program and its companions, from start to stop. Everything it
 * starts belongs to one harness scope, whose teardown kills the program's whole process group (its
 * sandbox, when a launcher puts it in one), stops the fake servers and removes the temporary
 * folders, however the run ends. */
export class LiveRun {
	readonly #scope = new CheckScope();
	readonly #emit: (event: RuntimeEvent) => void;
	#handle: ProgramHandle | undefined;
	#program: LearnerProgram | undefined;
	#companions: Companions | undefined;
	#ended: Promise<void> | undefined;
	#exitReported = false;
	#exitedAlone = false;
	readonly #inflight = new Set<Promise<unknown>>();
	/** Resolves true once the program listens, false if it never will. */
	readonly ready: Promise<boolean>;

	constructor(
		lab: LabDefinition,
		playground: Playground,
		files: LabFiles,
		emit: (event: RuntimeEvent) => void,
		launcher?: Launcher,
	) {
		this.#emit = emit;
		this.ready = this.#start(lab, playground, files, launcher);
	}

	async request(command: Extract<RuntimeCommand, { type: 'request' }>): Promise<void> {
		const ready = await this.ready;
		const program = this.#program;
		const problem = this.#notRunning();
		if (!ready || !program || problem) {
			const message = problem ?? 'Your program is not running: press Run';
			this.#emit({ type: 'request-error', id: command.id, message });
			return;
		}
		const pending = forwardRequest(this.#scope, program, command);
		this.#inflight.add(pending);
		try {
			this.#emit(await pending);
		} finally {
			this.#inflight.delete(pending);
		}
	}

	/** Why requests cannot be sent now, or `undefined` while the program is up. */
	#notRunning(): string | undefined {
		const exit = this.#handle?.process.exit;
		// A program that ended by itself needs fixing; one the learner stopped only needs a Run.
		if (exit && (this.#exitedAlone || !this.#ended)) {
			return `Your program ${describeExit(exit)}: fix it and press Run`;
		}
		if (this.#ended || !this.#program) return 'Your program is not running: press Run';
		return undefined;
	}

	async backend(command: Extract<RuntimeCommand, { type: 'backend' }>): Promise<void> {
		const ready = await this.ready;
		const companions = this.#companions;
		if (!ready || this.#ended || !companions) {
			this.#emit({
				type: 'error',
				message: 'Backends can be changed only while your program runs: press Run',
			});
			return;
		}
		await companions.set(command.index, command.action);
		this.#emit({ type: 'backends', at: Date.now(), backends: companions.snapshot() });
	}

	/** Stops the program (SIGKILL to its group if it ignores SIGTERM) and everything else; reports
	 * the program's exit once. Idempotent: every caller waits for the same teardown. */
	stop(): Promise<void> {
		const pid = this.#handle?.process.pid;
		if (pid !== undefined && !this.#handle?.process.exit) stopRequested(pid);
		this.#ended ??= (async () => {
			await this.#scope.close();
			// The harness waits, bounded, for the program to go; one that is still there has outlived
			// SIGTERM and SIGKILL alike, which only a program busy in a WebContainer can do.
			const child = this.#handle?.process;
			if (child && !child.exit) outlivedStop(child.pid);
			this.#reportExit();
		})();
		return this.#ended;
	}

	async #start(
		lab: LabDefinition,
		playground: Playground,
		files: LabFiles,
		launcher: Launcher | undefined,
	): Promise<boolean> {
		try {
			// A lab may run a driver of its own, from the playground's files, that loads the learner's
			// module; then the learner's files need not hold the entry.
			if (files[lab.entry] === undefined && playground.files[lab.entry] === undefined) {
				throw new CheckFailure(
					`Your files have no ${lab.entry}; the lab starts your program from it`,
				);
			}
			// The learner's files win over the playground's, so an edited products.json is used.
			const folder = await writeLabFolder({ ...playground.files, ...files });
			this.#scope.add(() => folder.remove());
			const companions = await Companions.start(playground, this.#scope, (error) =>
				this.#emit({ type: 'error', message: `A companion server failed: ${String(error)}` }),
			);
			this.#companions = companions;
			const program = await startProgram(
				{
					scope: this.#scope,
					folder: folder.path,
					entry: lab.entry,
					onLine: (line, stream) =>
						this.#emit({ type: 'output', stream, line: folder.relative(line) }),
					onSpawn: (handle) => (this.#handle = handle),
					...(launcher ? { launcher } : {}),
				},
				{ env: playground.env(companions.urls), listenTimeoutMs: LISTEN_TIMEOUT_MS },
			);
			if (this.#ended) return false;
			this.#program = program;
			this.#emit({
				type: 'started',
				lab: lab.id,
				port: program.port,
				backends: companions.snapshot(),
			});
			companions.report(this.#scope, this.#emit);
			void this.#watchExit();
			return true;
		} catch (error) {
			const stopped = this.#ended !== undefined;
			await this.stop();
			if (!stopped) this.#emit({ type: 'error', message: oneLine(error) });
			return false;
		}
	}

	/** Notices a program that ends on its own (a crash, or stopped for printing without end) and
	 * tears the run down, saying why. The wait is bounded per round so it never outlives the run. */
	async #watchExit(): Promise<void> {
		const child = this.#handle?.process;
		if (!child) return;
		while (!this.#ended) {
			if (!(await child.waitForExit(1000))) continue;
			if (this.#ended) return;
			this.#exitedAlone = true;
			await child.drained(500);
			// Requests that were waiting fail on their own now, saying the program crashed; stopping
			// first would make them say it was stopped instead.
			await Promise.allSettled(this.#inflight);
			this.#reportExit();
			await this.stop();
			if (this.#scope.fatal) this.#emit({ type: 'error', message: oneLine(this.#scope.fatal) });
			return;
		}
	}

	#reportExit(): void {
		const child = this.#handle?.process;
		if (!child || this.#exitReported) return;
		this.#exitReported = true;
		const exit = child.exit ?? { code: null, signal: 'SIGKILL' };
		this.#emit({ type: 'exited', code: exit.code, signal: exit.signal });
	}
}

function oneLine(error: unknown): string {
	const text = error instanceof Error ? error.message : String(error);
	return text.replace(/\s*\n\s*/g, ' ').trim();
}
