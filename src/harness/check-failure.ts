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
