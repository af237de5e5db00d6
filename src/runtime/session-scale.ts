// How slow the machine runs, for the in-browser session's check runs. Measuring it starts Node twice
// (src/harness/time-scale.ts), which inside a browser tab costs several times what it costs on the
// machine, and a run that measures first shows its first result that much later. So the session
// measures once as it starts, while the learner is still reading, and again in the background
// after each run, and a run starts from the newest figure it has. A figure too low costs a check a
// second run, never a verdict: a timing miss measures the machine again and confirms
// (src/harness/confirm.ts). One too high would loosen time limits, which is why it is not kept for
// the whole session: a figure taken while the page was busy loading is replaced after the first run.
import { measureTimeScale } from '../harness/time-scale.ts';
import type { TimeScale } from '../harness/types.ts';

export class SessionScale {
	readonly #measure: () => Promise<TimeScale>;
	#latest: TimeScale | undefined;
	#measuring: Promise<TimeScale | undefined> | undefined;

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
		this.#measuring ??= this.#measure()
			.then(
				(scale) => (this.#latest = scale),
				() => this.#latest,
			)
			.finally(() => {
				this.#measuring = undefined;
			});
	}
}
