import type { CheckEnd, RunResult, TimeScale } from '../../harness/index.ts';

/** The `--json` document of the grader contract (see report.schema.json). */
export interface JsonReport {
	lab: string;
	passed: boolean;
	durationMs: number;
	/** How much slower than usual the machine ran, and how far time limits were stretched. */
	timeScale: Pick<TimeScale, 'factor' | 'capped'>;
	checks: {
		id: string;
		title: string;
		status: CheckEnd['status'];
		message?: string;
		/** Present when a timing miss made the grader run the check a second time. */
		retried?: true;
		durationMs: number;
	}[];
}

/** Builds exactly the contract's document: nothing more, so consumers can rely on its shape. */
export function jsonReport(result: RunResult): JsonReport {
	return {
		lab: result.lab,
		passed: result.passed,
		durationMs: result.durationMs,
		timeScale: { factor: result.timeScale.factor, capped: result.timeScale.capped },
		checks: result.checks.map((check) => ({
			id: check.id,
			title: check.title,
			status: check.status,
			...(check.message === undefined ? {} : { message: check.message }),
			...(check.retried ? { retried: true as const } : {}),
			durationMs: check.durationMs,
		})),
	};
}
