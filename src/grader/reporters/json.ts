import type { CheckEnd, RunResult } from '../../harness/index.ts';

/** The `--json` document of the grader contract (see report.schema.json). */
export interface JsonReport {
	lab: string;
	passed: boolean;
	durationMs: number;
	checks: {
		id: string;
		title: string;
		status: CheckEnd['status'];
		message?: string;
		durationMs: number;
	}[];
}

/** Builds exactly the contract's document: nothing more, so consumers can rely on its shape. */
export function jsonReport(result: RunResult): JsonReport {
	return {
		lab: result.lab,
		passed: result.passed,
		durationMs: result.durationMs,
		checks: result.checks.map((check) => ({
			id: check.id,
			title: check.title,
			status: check.status,
			...(check.message === undefined ? {} : { message: check.message }),
			durationMs: check.durationMs,
		})),
	};
}
