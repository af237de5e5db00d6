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
import { measureCpuMs, measureTimeScale, withCpuNow } from '../harness/time-scale.ts';
import type { TimeScale } from '../harness/types.ts';

export class SessionScale {
	readonly #measure: () => Promise<TimeScale>;
	#latest: TimeScale | undefined;
	/** When the newest figure was measured (`performance.now()`). */
	#measuredAt = 0;
	#measuring: Promise<TimeScale | undefined> | undefined;
	#closed = false;

	/** Brings a figure measured earlier up to date as a run takes it, if set (the local runtime's). */
	readonly #atUse: ((earlier: TimeScale) => Promise<TimeScale>) | undefined;

	constructor(
		measure: () => Promise<TimeScale> = () => measureTimeScale(),
		options: { atUse?: (earlier: TimeScale) => Promise<TimeScale> } = {},
	) {
		this.#measure = measure;
		this.#atUse = options.atUse;
		this.refresh();
	}

	/** The newest figure; waits only when none has been measured yet. `undefined` when measuring
	 * failed, and the run then measures for itself. A figure measured earlier is brought up to date
	 * by `atUse` first, when it is set. */
	async current(): Promise<TimeScale | undefined> {
		const earlier = this.#latest;
		if (!earlier) return await this.#measuring;
		return this.#atUse ? await this.#atUse(earlier).catch(() => earlier) : earlier;
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

/** The local runtime's figure: measured in full before the press, and brought up to date at it by
 * timing the computation alone (about 25 ms on the reference machine), so that a machine that
 * turned busy since the last run (busy loops, a build) stretches this run's limits at once, and
 * its timing checks need not each miss and run twice to find out; Node's start-up time, the part
 * slow to measure, comes from the earlier figure. */
export function localRuntimeScale(measure?: () => Promise<TimeScale>): SessionScale {
	return new SessionScale(measure, {
		atUse: async (earlier) => withCpuNow(earlier, await measureCpuMs(3)),
	});
}
