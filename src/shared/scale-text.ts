// What the page, the terminal and the JSON report say about the time scale. Browser-safe: the page
// renders the same sentence as the grader from the run's events.
import type { TimeScale } from './harness-events.ts';

/** A scale that grew without limit would turn every program that hangs into a long wait; past
 * this, limits stop stretching and the report says the machine was slower than that. */
export const MAX_FACTOR = 5;

/** Factors this close to 1 are noise: reports do not mention them. */
export const NOTICEABLE_FACTOR = 1.25;

/** One sentence for a report, or nothing when the machine ran at about the usual speed. */
export function describeScale(scale: TimeScale): string | undefined {
	if (scale.capped) {
		return `This machine ran more than ${MAX_FACTOR}× slower than usual; time limits were stretched ${MAX_FACTOR}×, the most the grader allows, so a timing failure may be the machine's: try again when it is less busy.`;
	}
	if (scale.factor < NOTICEABLE_FACTOR) return undefined;
	return `This machine ran ${scale.factor.toFixed(1)}× slower than usual; time limits were stretched to match.`;
}
