// Helpers for the checks on clients that go away: the server notices a closed connection a moment
// after it closes, so the count of listeners is read again until it settles or time runs out.
import type { CheckContext } from '../../../src/harness/index.ts';
import { newStatus, type Posted, type Push } from './shared.ts';

/** How long the server may take to notice closed connections, before stretching. */
const NOTICE_MS = 2000;
/** The pause between two readings of the count, before stretching. */
const PAUSE_MS = 100;

export interface Settled {
	/** The last answer, whose `listeners` is `expected` when the count settled. */
	posted: Posted;
	/** Every count read, oldest first. */
	counts: (number | undefined)[];
	/** The statuses posted while waiting, which the streams still open must have received. */
	statuses: string[];
	/** How long the count was given to settle. */
	waitedMs: number;
}

/** Posts updates to `orderId` until `listeners` equals `expected` or time runs out. */
export async function settleListeners(
	ctx: CheckContext,
	push: Push,
	orderId: string,
	expected: number,
): Promise<Settled> {
	const waitedMs = ctx.time.stretch(NOTICE_MS);
	const deadline = Date.now() + waitedMs;
	const counts: (number | undefined)[] = [];
	const statuses: string[] = [];
	for (;;) {
		const status = newStatus(ctx);
		statuses.push(status);
		const posted = await push.post(orderId, status);
		counts.push(posted.listeners);
		if (posted.listeners === expected || Date.now() > deadline)
			return { posted, counts, statuses, waitedMs };
		await ctx.sleep(ctx.time.stretch(PAUSE_MS));
	}
}

/** The counts read, each run of equal ones said once, so that how many readings fit in the time
 * does not change the message: "stayed at 5", or "went 5, 4, 3". */
export function describeCounts(counts: (number | undefined)[]): string {
	const shown = counts.map((count) => (count === undefined ? 'none' : String(count)));
	const runs = shown.filter((count, index) => index === 0 || count !== shown[index - 1]);
	return runs.length === 1
		? `a count that stayed at ${runs[0]}`
		: `counts that went ${runs.join(', ')}`;
}
