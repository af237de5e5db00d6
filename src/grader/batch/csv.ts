// results.csv: one row per graded submission, for a spreadsheet or the printable class report.
import { checksPassed, failingIds, firstFailure, type PairResult } from './result.ts';

/** One row of results.csv, as the class report reads it back. */
export interface CsvRow {
	learner: string;
	lab: string;
	passed: boolean;
	checksPassed: number;
	checksTotal: number;
	failing: string[];
	durationMs: number;
	seed: number;
	message: string;
}

export const CSV_HEADER = [
	'learner',
	'lab',
	'passed',
	'checks_passed',
	'checks_total',
	'failing_checks',
	'duration_ms',
	'seed',
	'message',
];

export function toCsv(results: readonly PairResult[]): string {
	return csvLine(CSV_HEADER) + csvRows(results);
}

/** The rows alone, to append to a results.csv as each submission finishes. */
export function csvRows(results: readonly PairResult[]): string {
	const rows = results.map((result) => [
		result.learner,
		result.lab,
		String(result.passed),
		String(checksPassed(result)),
		String(result.checks.length),
		failingIds(result).join(';'),
		String(result.durationMs),
		String(result.seed),
		firstFailure(result),
	]);
	return rows.map(csvLine).join('');
}

/** Rows read back from several files, written as one results.csv (for `--merge`). */
export function rowsToCsv(rows: readonly CsvRow[]): string {
	const lines = rows.map((row) => [
		row.learner,
		row.lab,
		String(row.passed),
		String(row.checksPassed),
		String(row.checksTotal),
		row.failing.join(';'),
		String(row.durationMs),
		String(row.seed),
		row.message,
	]);
	return csvLine(CSV_HEADER) + lines.map(csvLine).join('');
}

function csvLine(row: readonly string[]): string {
	return `${row.map(field).join(',')}\r\n`;
}

/** RFC 4180: a field with a comma, quote or line break is quoted, its quotes doubled. */
function field(text: string): string {
	return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Reads results.csv back; throws with the line number when it is not the batch's format. */
export function parseCsv(text: string): CsvRow[] {
	const records = splitRecords(text);
	const header = records.shift();
	if (header?.join(',') !== CSV_HEADER.join(',')) {
		throw new Error(
			`The first line must be the batch's header "${CSV_HEADER.join(',')}"; give the results.csv that --batch wrote`,
		);
	}
	return records.map((record, index) => {
		const [learner = '', lab = '', passed, okCount, total, failing = '', ms, seed, message = ''] =
			record;
		const numbers = [okCount, total, ms, seed].map(Number);
		if (record.length !== CSV_HEADER.length || numbers.some((n) => !Number.isFinite(n))) {
			throw new Error(
				`Line ${index + 2} of the CSV does not have the batch's ${CSV_HEADER.length} columns`,
			);
		}
		const [checksPassedCount = 0, checksTotal = 0, durationMs = 0, seedNumber = 0] = numbers;
		return {
			learner,
			lab,
			passed: passed === 'true',
			checksPassed: checksPassedCount,
			checksTotal,
			failing: failing === '' ? [] : failing.split(';'),
			durationMs,
			seed: seedNumber,
			message,
		};
	});
}

/** Splits CSV text into records of fields, honouring quoted fields with commas and line breaks. */
function splitRecords(text: string): string[][] {
	const records: string[][] = [];
	let record: string[] = [];
	let current = '';
	let quoted = false;
	for (let i = 0; i < text.length; i++) {
		const char = text[i];
		if (quoted && char === '"' && text[i + 1] === '"') {
			current += '"';
			i++;
		} else if (char === '"') {
			quoted = !quoted;
		} else if (quoted || (char !== ',' && char !== '\n' && char !== '\r')) {
			current += char;
		} else {
			record.push(current);
			current = '';
			if (char === ',') continue;
			if (char === '\r' && text[i + 1] === '\n') i++;
			// A blank line (a spreadsheet adds one at the end) is no record.
			if (record.length > 1 || record[0] !== '') records.push(record);
			record = [];
		}
	}
	if (current !== '' || record.length > 0) records.push([...record, current]);
	return records;
}
