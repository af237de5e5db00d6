// How slow the machine runs, for a runtime's check runs. Measuring it starts Node twice
// (src/harness/time-scale.ts), and a run that measures first shows its first result that much
// later: inside a browser tab several times what it costs on the machine, and in the local
// runtime's sandbox a few hundred milliseconds of the first second after the click. So a runtime
// measures once as it starts, while the learner is still reading, and again in the background
// after each run, and a run starts from the newest figure it has (the in-browser session runs it
// in-process; the local runtime hands it to the harness in the sandbox, `--time-scale`). A figure
// too low costs a check a second run, never a verdict: a timing miss measures the machine again
// and confirms (src/harness/confirm.ts). One too high would loosen time limits, which is why it is
// not kept for the whole session: a figure taken while the page was busy loading is replaced after
// the first run, and one grown old is measured again when a page comes to use it (`refreshIfOlder`).
import { measureTimeScale } from '../harness/time-scale.ts';
import type { TimeScale } from '../harness/types.ts';

export class SessionScale {
	readonly #measure: () => Promise<TimeScale>;
	#latest: TimeScale | undefined;
	/** When the newest figure was measured (`performance.now()`). */
	#measuredAt = 0;
	#measuring: Promise<TimeScale | undefined> | undefined;
	#closed = false;

	constructor(measure: () => Promise<TimeScale> = () => measureTimeScale()) {
		this.#measure = measure;
		this.refresh();
	}

	/** The newest figure; waits only when none has been measured yet. `undefined` when measuring
	 * failed, and the run then measures for itself. */
	async current(): Promise<TimeScale | undefined> {
		return this.#latest ?? (await this.#measuring);
	}

	/** Measures again in the background; the figure before stays in use until this one is ready. */
	refresh(): void {
		if (this.#closed) return;
		this.#measuring ??= this.#measure()
			.then(
				(scale) => {
					this.#measuredAt = performance.now();
					return (this.#latest = scale);
				},
				() => this.#latest,
			)
			.finally(() => {
				this.#measuring = undefined;
			});
	}

	/** Measures again in the background if the newest figure is older than `ms` (or there is none):
	 * a page that opens long after the runtime started or last ran checks gets a figure of now. */
	refreshIfOlder(ms: number): void {
		if (this.#latest && performance.now() - this.#measuredAt < ms) return;
		this.refresh();
	}

	/** Measures no more, and resolves once a measurement under way (its probe processes) is done. */
	async close(): Promise<void> {
		this.#closed = true;
		await this.#measuring;
	}
}
