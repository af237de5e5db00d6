// Reads the `--json` document a child grader printed. Anything that is not the contract's shape
// counts as no report, so a damaged document can never pass a submission.
import type { JsonReport } from '../reporters/json.ts';

export function parseReport(
	stdout: string,
	lab: string,
): Pick<JsonReport, 'passed' | 'checks'> | undefined {
	let value: unknown;
	try {
		value = JSON.parse(stdout);
	} catch {
		return undefined;
	}
	const report = value as Partial<JsonReport> | null;
	if (
		!report ||
		typeof report !== 'object' ||
		report.lab !== lab ||
		typeof report.passed !== 'boolean' ||
		!Array.isArray(report.checks) ||
		!report.checks.every(isCheck)
	) {
		return undefined;
	}
	const checks = report.checks.map((check) => ({
		id: check.id,
		title: check.title,
		status: check.status,
		...(check.message === undefined ? {} : { message: check.message }),
		durationMs: check.durationMs,
	}));
	// `passed` must agree with the checks, so a document that contradicts itself cannot pass.
	const passed = report.passed && checks.every((check) => check.status !== 'fail');
	return { passed, checks };
}

function isCheck(value: unknown): value is JsonReport['checks'][number] {
	const check = value as Partial<JsonReport['checks'][number]> | null;
	return (
		!!check &&
		typeof check.id === 'string' &&
		typeof check.title === 'string' &&
		(check.status === 'pass' || check.status === 'fail' || check.status === 'skip') &&
		typeof check.durationMs === 'number' &&
		(check.message === undefined || typeof check.message === 'string')
	);
}
