// The summary a batch prints when it is done: learners down, labs across, each cell the checks a
// submission passed out of the lab's total.
import { checksPassed, type PairResult } from './result.ts';

export function summaryTable(results: readonly PairResult[]): string {
	const learners = [...new Set(results.map((result) => result.learner))];
	const labs = [...new Set(results.map((result) => result.lab))].sort();
	const cell = (learner: string, lab: string) => {
		const result = results.find((r) => r.learner === learner && r.lab === lab);
		if (!result) return '·';
		return `${result.passed ? '✓' : '✗'} ${checksPassed(result)}/${result.checks.length}`;
	};
	const rows = [
		['learner', ...labs],
		...learners.map((l) => [l, ...labs.map((lab) => cell(l, lab))]),
	];
	const widths =
		rows[0]?.map((_, column) => Math.max(...rows.map((row) => (row[column] ?? '').length))) ?? [];
	const lines = rows.map((row) =>
		row
			.map((text, column) =>
				column === 0 ? text.padEnd(widths[0] ?? 0) : text.padStart(widths[column] ?? 0),
			)
			.join('  ')
			.trimEnd(),
	);
	lines.splice(1, 0, widths.map((width) => '─'.repeat(width)).join('  '));
	const broken = results.filter((result) => result.error);
	if (broken.length > 0)
		lines.push('', ...broken.map((r) => `${r.learner}/${r.lab}: ${r.error ?? ''}`));
	const passed = results.filter((result) => result.passed).length;
	lines.push('', `${passed} of ${results.length} submissions passed (· = no folder for that lab)`);
	return `${lines.join('\n')}\n`;
}
