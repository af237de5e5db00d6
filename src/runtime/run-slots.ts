// How many runs (a Run press's program, or a Check press's checks) the local runtime carries out at
// once, across every page that uses it. Each page has its own session, and a page is cheap to open,
// so without a cap a script that opens sessions could start programs until the machine gives out.
import { availableParallelism } from 'node:os';

/** Runs at once across all sessions: a learner has one or two tabs open; this leaves room for
 * several, and stays within what the machine's cores can serve without timers firing late. */
export const MAX_RUNS = Math.max(4, 2 * availableParallelism());

let inUse = 0;

/** Frees a slot; calling it again does nothing. */
export type Release = () => void;

/** Takes a slot, or throws with a message for the page when every slot is taken. */
export function takeRunSlot(limit = MAX_RUNS): Release {
	if (inUse >= limit) {
		throw new Error(
			`The local runtime is already running ${inUse} programs for other pages (at most ${limit} at once): stop one there or close a tab, then try again`,
		);
	}
	inUse++;
	let released = false;
	return () => {
		if (released) return;
		released = true;
		inUse--;
	};
}

/** Slots taken now, for tests. */
export function runSlotsInUse(): number {
	return inUse;
}
