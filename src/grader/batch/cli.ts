// The process around `grade --batch` and `grade --report`: exit statuses, and for a batch, stopping
// every child grader and what it started on any way out (normal end, Ctrl-C, SIGTERM).
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import { exitAfterFlush } from '../../harness/process-exit.ts';
import type { LabSource } from '../../labs/index.ts';
import { parseClassArgs, type ReportArgs } from './args.ts';
import { killAllChildrenSync } from './child.ts';
import { parseCsv } from './csv.ts';
import { runBatch } from './index.ts';
import { renderClassReport } from '../class-report.ts';
import { mergeResults } from '../merge.ts';
import type { GradeIo } from '../grade.ts';

/** Runs an instructor mode as the whole process and exits with its status. */
export function runClassCli(source: LabSource, argv: readonly string[]): void {
	const io: GradeIo = {
		stdout: (text) => void process.stdout.write(text),
		stderr: (text) => void process.stderr.write(text),
		tty: process.stdout.isTTY === true,
		// npm runs scripts from the project's root; INIT_CWD is where the instructor typed the command.
		cwd: process.env['INIT_CWD'] ?? process.cwd(),
	};
	const args = parseClassArgs(argv);
	if ('error' in args) {
		io.stderr(`${args.error}\n`);
		return exitAfterFlush(2);
	}
	if (args.mode === 'report') {
		void writeReport(args, source, io).then(exitAfterFlush);
		return;
	}
	if (args.mode === 'merge') return exitAfterFlush(mergeResults(args, io));
	process.on('exit', killAllChildrenSync);
	const controller = new AbortController();
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			// A second Ctrl-C does not wait for the graders to stop themselves.
			if (controller.signal.aborted) process.exit(130);
			controller.abort(signal === 'SIGINT' ? 130 : 143);
		});
	}
	// The same grader that runs this batch grades each submission: the source files or the bundle.
	const command = [process.execPath, ...process.execArgv, process.argv[1] ?? ''];
	runBatch(args, source, io, { command, signal: controller.signal }).then(
		exitAfterFlush,
		(error) => {
			io.stderr(
				`grader error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
			);
			exitAfterFlush(1);
		},
	);
}

/** `--report`: results.csv in, a printable HTML page out. Exit 0 when written, 2 when the CSV is
 * missing or not the batch's. */
export async function writeReport(
	args: ReportArgs,
	source: LabSource,
	io: GradeIo,
): Promise<number> {
	const csv = resolve(io.cwd, args.csv);
	if (!existsSync(csv)) {
		io.stderr(`CSV not found: ${args.csv} (give the results.csv that grade --batch wrote)\n`);
		return 2;
	}
	let rows;
	try {
		rows = parseCsv(readFileSync(csv, 'utf8'));
	} catch (error) {
		io.stderr(`${args.csv}: ${error instanceof Error ? error.message : String(error)}\n`);
		return 2;
	}
	const titles = new Map<string, Map<string, string>>();
	for (const lab of new Set(rows.map((row) => row.lab))) {
		// Titles make the report readable; a lab that is gone or broken still has its check ids.
		const definition = await source.load(lab).catch(() => undefined);
		if (definition) titles.set(lab, new Map(definition.checks.map((c) => [c.id, c.title])));
	}
	const html = resolve(io.cwd, args.html ?? join(dirname(csv), 'report.html'));
	writeFileSync(
		html,
		renderClassReport({ rows, titles, source: basename(csv), generatedAt: new Date() }),
	);
	const near = relative(io.cwd, html);
	io.stdout(`Class report: ${near.startsWith('..') ? html : near} (${rows.length} submissions)\n`);
	return 0;
}
