import { deadlineFor } from '../harness/deadline.ts';
import { runLabSandboxed } from '../sandbox/run-lab.ts';
import { randomSeed } from '../harness/random.ts';
import { runLab } from '../harness/runner.ts';
import type { HarnessEvent, LabDefinition } from '../harness/types.ts';
import type { Support } from '../sandbox/probe.ts';
import type { CompileCache } from '../sandbox/compile-cache.ts';
import { writeLabFolder, type LabFolder } from './lab-folder.ts';
import type { LabFiles, RuntimeEvent } from '../shared/protocol.ts';
import { takeRunSlot, type Release } from './run-slots.ts';
import type { SessionScale } from './session-scale.ts';

/** A session's check runs, one at a time. A second Check press while one runs is refused, not
 * queued, so the results on the page always belong to the files the learner last checked; a press
 * after the `run-end` is accepted and starts once the last run has cleaned up. */
export class CheckRuns {
	readonly #emit: (event: RuntimeEvent) => void;
	/** True from a Check press until its `run-end`. */
	#busy = false;
	/** Cancels the run in progress, for Stop and for a page that went away. */
	#stop: AbortController | undefined;
	/** The last run, settled once it has cleaned up. */
	#last: Promise<void> = Promise.resolve();

	/** Set when the learner's programs run in a sandbox of their own for each check run. */
	readonly #sandbox: Extract<Support, { ok: true }> | undefined;
	/** Set when runs start from a figure of the machine's speed measured before the press instead
	 * of measuring it each (the local runtime's and the in-browser session's, see session-scale.ts);
	 * a sandboxed run hands it to the harness inside. */
	readonly #scale: SessionScale | undefined;
	/** Compiled harness code that sandboxed runs load read-only, warmed for each lab after its run. */
	readonly #compileCache: CompileCache | undefined;

	constructor(
		emit: (event: RuntimeEvent) => void,
		sandbox?: Extract<Support, { ok: true }>,
		scale?: SessionScale,
		compileCache?: CompileCache,
	) {
		this.#emit = emit;
		this.#sandbox = sandbox;
		this.#scale = scale;
		this.#compileCache = compileCache;
	}

	/** Runs the lab's checks on the learner's files, which go to a temporary folder and nowhere else;
	 * every harness event is forwarded as a `check` event. */
	start(
		load: () => Promise<LabDefinition | undefined>,
		files: LabFiles,
		seed: number | undefined,
	): Promise<void> {
		if (this.#busy) {
			const message = 'Checks are already running: wait for them to finish, then check again';
			return Promise.reject(new Error(message));
		}
		this.#busy = true;
		const stop = new AbortController();
		this.#stop = stop;
		const done = () => {
			if (this.#stop === stop) this.#busy = false;
		};
		const previous = this.#last;
		const run = (async () => {
			let folder: LabFolder | undefined;
			let release: Release | undefined;
			let labId: string | undefined;
			try {
				await previous;
				const lab = await load();
				labId = lab?.id;
				if (!lab || stop.signal.aborted) return;
				release = takeRunSlot();
				folder = await writeLabFolder(files);
				const onEvent = (event: HarnessEvent) => {
					if (event.type === 'run-end') done();
					this.#emit({ type: 'check', event });
				};
				const sandbox = this.#sandbox;
				const timeScale = await this.#scale?.current();
				const compiled = this.#compileCache?.dir;
				await (sandbox
					? runLabSandboxed(lab, {
							support: sandbox,
							folder: folder.path,
							seed: seed ?? randomSeed(),
							deadlineMs: deadlineFor(lab),
							signal: stop.signal,
							...(timeScale ? { timeScale } : {}),
							...(compiled ? { compileCache: compiled } : {}),
							onEvent,
						})
					: runLab(lab, {
							folder: folder.path,
							...(seed === undefined ? {} : { seed }),
							...(timeScale ? { timeScale } : {}),
							signal: stop.signal,
							onEvent,
						}));
			} finally {
				done();
				await folder?.remove();
				release?.();
				this.#scale?.refresh();
				if (labId) void this.#compileCache?.warm(labId);
			}
		})();
		this.#last = run.catch(() => {});
		return run;
	}

	/** True from a Check press until its `run-end`. */
	get busy(): boolean {
		return this.#busy;
	}

	/** Cancels the run in progress, if any, and waits until its programs and folders are gone. */
	async stop(): Promise<void> {
		this.#stop?.abort();
		await this.#last;
	}
}
