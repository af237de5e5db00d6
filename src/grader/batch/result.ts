// What a batch knows about one graded submission, in the shape every output (table, CSV, JUnit,
// HTML report) reads from.
import type { JsonReport } from '../reporters/json.ts';

/** One learner's folder for one lab. */
export interface Submission {
	learner: string;
	lab: string;
	/** Absolute path of the learner's lab folder. */
	folder: string;
}

export interface PairResult {
	learner: string;
	lab: string;
	passed: boolean;
	/** Every check of the lab. When grading broke down, each is failed with `error` as message. */
	checks: JsonReport['checks'];
	durationMs: number;
	seed: number;
	/** Why there is no grader report: the submission outran its deadline, or the grader crashed. */
	error?: string;
}

export function checksPassed(result: PairResult): number {
	return result.checks.filter((check) => check.status === 'pass').length;
}

export function failingIds(result: PairResult): string[] {
	return result.checks.filter((check) => check.status === 'fail').map((check) => check.id);
}

/** The message to show first: why grading broke down, or the first failed check's message. */
export function firstFailure(result: PairResult): string {
	if (result.error) return result.error;
	const failed = result.checks.find((check) => check.status === 'fail');
	return failed ? (failed.message ?? 'failed') : '';
}

/** A result for a submission the grader could not report on: every check fails with `error`, so
 * a hang or a crash scores like a program that passed nothing. */
export function brokenResult(
	submission: Submission,
	checks: readonly { id: string; title: string }[],
	details: { error: string; durationMs: number; seed: number },
): PairResult {
	return {
		learner: submission.learner,
		lab: submission.lab,
		passed: false,
		checks: checks.map(({ id, title }) => ({
			id,
			title,
			status: 'fail',
			message: details.error,
			durationMs: 0,
		})),
		...details,
	};
}
