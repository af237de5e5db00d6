// How long one submission may take, by default: the grader outside a sandbox or a batch's child
// is stopped at this deadline, so a program that hangs costs a bounded time. It lives with the
// harness because it follows from the harness's own rules (check timeouts, the most a scale may
// stretch them, one confirming rerun), and the grader, the sandbox and the runtime all need it.
import { DEFAULT_CHECK_TIMEOUT_MS } from './runner.ts';
import { MAX_FACTOR } from '../shared/scale-text.ts';
import type { LabDefinition } from './types.ts';

/** Time for a grader to start and stop on top of its checks' own limits. */
const START_MARGIN_MS = 30_000;

/** An upper bound on an honest run: every check is bounded by its own timeout, stretched at most
 * `MAX_FACTOR` times on a slow machine and run at most twice when a timing miss is confirmed, and
 * a lab with `concurrency` runs that many at once. The harness stops every check well before it;
 * this only bounds a grader that stopped answering altogether. */
export function deadlineFor(lab: LabDefinition): number {
	const width = Math.max(1, Math.min(lab.concurrency ?? 1, lab.checks.length));
	const longest = Math.max(0, ...lab.checks.map((c) => c.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS));
	const rounds = Math.ceil(lab.checks.length / width);
	return rounds * longest * MAX_FACTOR * 2 + START_MARGIN_MS;
}
