// `grade --merge`: joins the results of a class graded in shards (`--batch --shard K/N` on several
// machines) into one results.csv and one results.xml, as if one batch had graded the whole class.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { MergeArgs } from './merge-args.ts';
import { parseCsv, rowsToCsv, type CsvRow } from './batch/csv.ts';
import type { GradeIo } from './grade.ts';

/** Exit 0 when written, 2 when a folder lacks its results, a file is not the batch's, or two
 * shards graded the same submission (the shards were not cut from one class the same way). */
export function mergeResults(args: MergeArgs, io: GradeIo): number {
	const usage = (message: string) => {
		io.stderr(`${message}\n`);
		return 2;
	};
	const rows: CsvRow[] = [];
	const suites = new Map<string, string>();
	const from = new Map<string, string>();
	for (const folder of args.folders) {
		const dir = resolve(io.cwd, folder);
		const [csv, xml] = [join(dir, 'results.csv'), join(dir, 'results.xml')];
		const missing = [csv, xml].find((file) => !existsSync(file));
		if (missing) {
			return usage(
				`${join(folder, relative(dir, missing))} not found: give each shard's --out folder`,
			);
		}
		let read: CsvRow[];
		try {
			read = parseCsv(readFileSync(csv, 'utf8'));
		} catch (error) {
			return usage(
				`${join(folder, 'results.csv')}: ${error instanceof Error ? error.message : String(error)}`,
			);
		}
		for (const row of read) {
			const key = `${row.learner}/${row.lab}`;
			const earlier = from.get(key);
			if (earlier !== undefined) {
				return usage(
					`${key} is in both ${earlier} and ${folder}: merge the shards of one class, each graded once with its own --shard K/N`,
				);
			}
			from.set(key, folder);
			rows.push(row);
		}
		for (const [name, block] of testSuites(readFileSync(xml, 'utf8'))) suites.set(name, block);
	}
	const order = (a: CsvRow, b: CsvRow) =>
		a.learner.localeCompare(b.learner, 'en') || a.lab.localeCompare(b.lab, 'en');
	rows.sort(order);
	const out = resolve(io.cwd, args.out);
	mkdirSync(out, { recursive: true });
	writeFileSync(join(out, 'results.csv'), rowsToCsv(rows));
	const blocks = rows.map((row) => suites.get(`${row.learner}/${row.lab}`) ?? '');
	writeFileSync(join(out, 'results.xml'), junitDocument(blocks.filter(Boolean)));
	const passed = rows.filter((row) => row.passed).length;
	const near = relative(io.cwd, out) || '.';
	io.stdout(
		`Merged ${args.folders.length} shards: ${rows.length} submissions, ${passed} passed\nResults: ${join(near, 'results.csv')}, ${join(near, 'results.xml')}\n`,
	);
	return 0;
}

/** Each `<testsuite>` element of a results.xml, by its name (`learner/lab`), as written. */
function testSuites(xml: string): Map<string, string> {
	const found = new Map<string, string>();
	for (const match of xml.matchAll(/\t<testsuite name="([^"]*)"[^>]*>[\s\S]*?\n\t<\/testsuite>/g)) {
		found.set(unescape(match[1] ?? ''), match[0]);
	}
	return found;
}

/** The suites under one root whose totals are their sums, as the batch writes it. */
function junitDocument(blocks: readonly string[]): string {
	const total = (attribute: string) =>
		blocks.reduce((sum, block) => {
			const value = new RegExp(`<testsuite [^>]*\\b${attribute}="([\\d.]+)"`).exec(block)?.[1];
			return sum + Number(value ?? 0);
		}, 0);
	const root =
		`<testsuites name="grade" tests="${total('tests')}" failures="${total('failures')}"` +
		` skipped="${total('skipped')}" time="${total('time').toFixed(3)}" timestamp="${new Date().toISOString()}">`;
	return ['<?xml version="1.0" encoding="UTF-8"?>', root, ...blocks, '</testsuites>', ''].join(
		'\n',
	);
}

function unescape(text: string): string {
	return text
		.replaceAll('&lt;', '<')
		.replaceAll('&gt;', '>')
		.replaceAll('&quot;', '"')
		.replaceAll('&apos;', "'")
		.replaceAll('&amp;', '&');
}
