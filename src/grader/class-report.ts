// The printable class report: one self-contained HTML page (no scripts, fonts or links to fetch)
// built from a batch's results.csv, with pass rates per lab and each learner's results.
import type { CsvRow } from './batch/csv.ts';
import { escapeHtml } from '../lib/escape-html.ts';

export interface ReportInput {
	rows: readonly CsvRow[];
	/** Check titles by lab and check id, where the lab is known; ids are shown otherwise. */
	titles: ReadonlyMap<string, ReadonlyMap<string, string>>;
	/** Shown in the heading, such as the CSV's file name. */
	source: string;
	generatedAt: Date;
}

const STYLE = `
body { font: 15px/1.45 system-ui, sans-serif; color: #1a1a1a; margin: 2rem auto; max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; } h2 { font-size: 1.2rem; margin: 2rem 0 0.5rem; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #bbb; padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; }
th { background: #eee; } td:first-child, .pass, .fail { white-space: nowrap; }
.pass { color: #0a6b2e; font-weight: 600; } .fail { color: #a3121e; font-weight: 600; }
.bar { display: inline-block; height: 0.7rem; background: #0a6b2e; vertical-align: middle; }
.track { display: inline-block; width: 8rem; background: #ddd; margin-right: 0.4rem; }
ul { margin: 0; padding-left: 1.1rem; } code { font-size: 0.9em; } .muted { color: #555; }
@page { margin: 14mm; }
@media print {
  body { font-size: 10pt; margin: 0; max-width: none; }
  section.learner { break-inside: avoid; }
  th { background: #eee !important; print-color-adjust: exact; -webkit-print-color-adjust: exact; }
  .bar, .track { print-color-adjust: exact; -webkit-print-color-adjust: exact; }
}`;

export function renderClassReport(input: ReportInput): string {
	const { rows } = input;
	const labs = [...new Set(rows.map((row) => row.lab))].sort();
	const learners = [...new Set(rows.map((row) => row.learner))];
	const passedCount = rows.filter((row) => row.passed).length;
	const when = input.generatedAt.toISOString().slice(0, 16).replace('T', ' ');
	const body = [
		'<h1>Class report</h1>',
		`<p class="muted">From ${escapeHtml(input.source)}, ${when} UTC: ${rows.length} submissions from ` +
			`${learners.length} learners, ${passedCount} passed.</p>`,
		'<h2>Pass rates by lab</h2>',
		table(
			['Lab', 'Submissions', 'Passed', 'Pass rate', 'Checks failed most often'],
			labs.map((lab) =>
				labRow(
					lab,
					rows.filter((row) => row.lab === lab),
					input.titles,
				),
			),
			'rates',
		),
		'<h2>Overview</h2>',
		table(
			['Learner', ...labs.map(escapeHtml)],
			learners.map((learner) => [
				escapeHtml(learner),
				...labs.map((lab) => {
					const row = rows.find((r) => r.learner === learner && r.lab === lab);
					return row ? mark(row) : '<span class="muted">·</span>';
				}),
			]),
			'overview',
		),
		'<h2>Results by learner</h2>',
		...learners.map((learner) =>
			learnerSection(
				learner,
				rows.filter((r) => r.learner === learner),
				input.titles,
			),
		),
	];
	return [
		'<!doctype html>',
		'<html lang="en">',
		'<head>',
		'<meta charset="utf-8">',
		'<meta name="viewport" content="width=device-width, initial-scale=1">',
		'<title>Class report</title>',
		`<style>${STYLE}\n</style>`,
		'</head>',
		'<body>',
		...body,
		'</body>',
		'</html>',
		'',
	].join('\n');
}

function labRow(lab: string, rows: readonly CsvRow[], titles: ReportInput['titles']): string[] {
	const passed = rows.filter((row) => row.passed).length;
	const rate = rows.length === 0 ? 0 : Math.round((passed / rows.length) * 100);
	const counts = new Map<string, number>();
	for (const id of rows.flatMap((row) => row.failing)) counts.set(id, (counts.get(id) ?? 0) + 1);
	const most = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3);
	return [
		`<span data-lab="${escapeHtml(lab)}">${escapeHtml(lab)}</span>`,
		String(rows.length),
		String(passed),
		`<span class="track"><span class="bar" style="width: ${rate}%"></span></span><span data-rate="${rate}">${rate}%</span>`,
		most.length === 0
			? '<span class="muted">none</span>'
			: `<ul>${most.map(([id, n]) => `<li>${checkName(lab, id, titles)} (${n})</li>`).join('')}</ul>`,
	];
}

function learnerSection(
	learner: string,
	rows: readonly CsvRow[],
	titles: ReportInput['titles'],
): string {
	const cells = rows.map((row) => [
		escapeHtml(row.lab),
		mark(row),
		row.failing.length === 0
			? '<span class="muted">none</span>'
			: `<ul>${row.failing.map((id) => `<li data-check="${escapeHtml(id)}">${checkName(row.lab, id, titles)}</li>`).join('')}</ul>`,
		row.message === '' ? '' : escapeHtml(row.message),
	]);
	return [
		`<section class="learner" data-learner="${escapeHtml(learner)}">`,
		`<h3>${escapeHtml(learner)}</h3>`,
		table(['Lab', 'Result', 'Failing checks', 'First failure'], cells, 'learner'),
		'</section>',
	].join('\n');
}

function mark(row: CsvRow): string {
	const result = row.passed ? 'pass' : 'fail';
	const symbol = row.passed ? '✓' : '✗';
	return `<span class="${result}" data-result="${result}">${symbol} ${row.checksPassed}/${row.checksTotal}</span>`;
}

function checkName(lab: string, id: string, titles: ReportInput['titles']): string {
	const title = titles.get(lab)?.get(id);
	return `<code>${escapeHtml(id)}</code>${title ? ` ${escapeHtml(title)}` : ''}`;
}

function table(
	head: readonly string[],
	rows: readonly (readonly string[])[],
	kind: string,
): string {
	const header = `<tr>${head.map((cell) => `<th scope="col">${cell}</th>`).join('')}</tr>`;
	const lines = rows.map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`);
	return `<table data-table="${kind}">\n<thead>${header}</thead>\n<tbody>\n${lines.join('\n')}\n</tbody>\n</table>`;
}
