import type { GraderRequestLine } from './types.ts';

/** Thrown by a check to fail it with a message a learner can act on. Anything else a check throws
 * is reported as a failure of the grader itself, never blamed on the learner. */
export class CheckFailure extends Error {
	readonly request: GraderRequestLine | undefined;
	constructor(message: string, request?: GraderRequestLine) {
		super(message);
		this.name = 'CheckFailure';
		this.request = request;
	}
}

/** How a failure depends on time, which decides whether the harness confirms it before reporting:
 * - `bound`: a measured time fell outside a limit (a wait too short or too long). The check runs
 *   once more, with the machine measured again, and fails only if it fails again.
 * - `wait`: something the check waited for never came (no response, never listened, the check
 *   ran out of time). The check runs once more only when the machine has meanwhile become
 *   markedly slower than it was measured, since a program that hangs would otherwise cost twice. */
export type TimingKind = 'bound' | 'wait';

/** A failure decided by a clock rather than by what the program answered. */
export class TimingFailure extends CheckFailure {
	readonly kind: TimingKind;
	constructor(message: string, kind: TimingKind, request?: GraderRequestLine) {
		super(message, request);
		this.name = 'TimingFailure';
		this.kind = kind;
	}
}
