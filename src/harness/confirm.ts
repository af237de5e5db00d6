// A failure decided by a clock is confirmed before it is reported: a busy machine can make one
// measurement miss a bound that the program meets, and a learner told "failed" for the machine's
// sake stops trusting every other verdict. A wrong program misses its bound both times.
import type { TimingKind } from './check-failure.ts';
import type { CheckEnd } from './runner.ts';
import type { TimeScale } from './types.ts';

/** A wait that ran out is run again only when the machine has meanwhile become this much slower
 * than it was measured: otherwise a program that hangs would cost every such check twice. */
const MARKEDLY_SLOWER = 1.3;

/** The scale a run's checks use. It only grows: a machine that turned busy mid-run stretches the
 * checks after that too, and one that calmed down keeps the margin it had. */
export class ScaleTracker {
	#current: TimeScale;
	readonly #measure: () => Promise<TimeScale>;
	#measuring: Promise<TimeScale> | undefined;

	constructor(first: TimeScale, measure: () => Promise<TimeScale>) {
		this.#current = first;
		this.#measure = measure;
	}

	get current(): TimeScale {
		return this.#current;
	}

	/** Measures the machine again and returns what was measured now. Checks that miss a bound at
	 * the same moment share one measurement instead of crowding the machine with probes. */
	async remeasure(): Promise<TimeScale> {
		this.#measuring ??= this.#measure().finally(() => {
			this.#measuring = undefined;
		});
		const measured = await this.#measuring;
		if (measured.factor > this.#current.factor) this.#current = measured;
		return measured;
	}
}

export interface Attempt {
	end: CheckEnd;
	/** Set when the failure was decided by a clock. */
	timing: TimingKind | undefined;
}

/** Runs a check, and once more when it failed on time: `bound` misses always, `wait` misses when
 * the machine turned markedly slower. The second run's verdict is the check's. */
export async function confirmed(
	run: (scale: TimeScale) => Promise<Attempt>,
	scales: ScaleTracker,
	stopped: () => boolean,
): Promise<CheckEnd> {
	const used = scales.current;
	const first = await run(used);
	if (first.end.status !== 'fail' || first.timing === undefined || stopped()) return first.end;
	const now = await scales.remeasure();
	const slower = now.factor >= used.factor * MARKEDLY_SLOWER;
	if (first.timing === 'wait' && !slower) return first.end;
	const second = await run(scales.current);
	const durationMs = first.end.durationMs + second.end.durationMs;
	if (second.end.status !== 'fail') return { ...second.end, durationMs, retried: true };
	const factor = scales.current.factor;
	const stretched = factor > 1 ? `, with time limits stretched ${factor.toFixed(1)}×` : '';
	const message = `${second.end.message ?? 'failed'} (confirmed: the check failed again when run a second time${stretched})`;
	return { ...second.end, durationMs, retried: true, message };
}
