// `grade --batch`: grades every learner's folder for every lab, a few child graders at a time,
// then writes the summary table, results.csv and results.xml.
import {
	appendFileSync,
	existsSync,
	mkdirSync,
	mkdtempSync,
	rmSync,
	statSync,
	writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve, sep } from 'node:path';
import type { LabDefinition } from '../../harness/index.ts';
import { randomSeed } from '../../harness/random.ts';
import type { BatchArgs } from './args.ts';
import { gradeInChild } from './child.ts';
import { csvRows, toCsv } from './csv.ts';
import { toJunit } from './junit.ts';
import { deadlineFor } from '../../harness/deadline.ts';
import { defaultWidth, runPool } from './pool.ts';
import { batchProgress } from './progress.ts';
import type { PairResult } from './result.ts';
import { readClassFolder } from './submissions.ts';
import { inShard } from '../shard.ts';
import { summaryTable } from './table.ts';
import type { GradeIo } from '../grade.ts';
import type { LabSource } from '../../labs/index.ts';
import { sandboxSupport, type Support } from '../../sandbox/probe.ts';

export interface BatchRun {
	/** How to start one grader: node, its flags and the grader script. */
	command: readonly string[];
	/** Aborting stops the running graders; its reason, if a number, is the exit status. */
	signal: AbortSignal;
}

export async function runBatch(
	args: BatchArgs,
	source: LabSource,
	io: GradeIo,
	run: BatchRun,
): Promise<number> {
	const usage = (message: string) => {
		io.stderr(`${message}\n`);
		return 2;
	};
	const folder = resolve(io.cwd, args.folder);
	const out = resolve(io.cwd, args.out);
	if (!isDirectory(folder)) {
		return usage(
			`Folder not found: ${args.folder} (give the folder that holds one folder per learner)`,
		);
	}
	if (out === folder || out.startsWith(folder + sep)) {
		return usage(
			`--out ${args.out} is inside the submissions folder; give a folder outside it, such as --out ${join('..', 'grade-results')}`,
		);
	}
	const { submissions: all, skipped } = readClassFolder(folder, source.list());
	for (const line of skipped) io.stderr(`skipped ${line}\n`);
	if (all.length === 0) {
		return usage(
			`No submissions in ${args.folder}: expected <learner>/<lab-id>/ folders inside it`,
		);
	}
	const shard = args.shard;
	const submissions = shard ? all.filter((s) => inShard(s.learner, shard)) : all;
	if (shard) {
		const learners = (list: typeof all) => new Set(list.map((s) => s.learner)).size;
		io.stdout(
			`Shard ${shard.index} of ${shard.count}: ${learners(submissions)} of ${learners(all)} learners\n`,
		);
	}
	const labs = new Map<string, LabDefinition>();
	for (const id of new Set(submissions.map((s) => s.lab))) {
		try {
			const lab = await source.load(id);
			if (lab) labs.set(id, lab);
		} catch (error) {
			return usage(
				`grader error: lab "${id}" could not be loaded: ${String(error).split('\n')[0]}`,
			);
		}
	}
	let sandbox: Extract<Support, { ok: true }> | undefined;
	if (!args.noSandbox) {
		const support = sandboxSupport();
		if (!support.ok) {
			return usage(
				`The batch grades each submission in a sandbox, which cannot start here: ${support.why}. Install it, or give --no-sandbox to grade without one (only for submissions you trust: each then runs with your rights)`,
			);
		}
		sandbox = support;
	}
	const seed = args.seed ?? randomSeed();
	const count = submissions.length;
	const { min, max } =
		args.jobs === undefined ? defaultWidth() : { min: args.jobs, max: args.jobs };
	const width =
		Math.min(max, count) > min
			? `${min} to ${max} at a time as the processors allow`
			: `${Math.min(min, count)} at a time`;
	const where = sandbox ? 'each in a sandbox of its own' : 'without a sandbox';
	io.stdout(
		`Grading ${count} submission${count === 1 ? '' : 's'}, ${width} (seed ${seed}), ${where}\n`,
	);
	// Each result is appended as its submission finishes, so a batch that is killed outright (the
	// machine goes down, an operator's kill -9) still leaves the results it had.
	const hadOut = existsSync(out);
	const csv = join(out, 'results.csv');
	mkdirSync(out, { recursive: true });
	writeFileSync(csv, toCsv([]));
	const progress = batchProgress(submissions.length, io.stdout, io.tty);
	const tmpRoot = mkdtempSync(join(tmpdir(), 'grade-batch-'));
	let results: PairResult[];
	try {
		results = await runPool(submissions, { min, max, signal: run.signal }, async (submission) => {
			const lab = labs.get(submission.lab) as LabDefinition;
			const result = await gradeInChild(submission, {
				command: run.command,
				seed,
				deadlineMs: args.timeoutMs ?? deadlineFor(lab),
				checks: lab.checks,
				tmpRoot,
				signal: run.signal,
				...(sandbox ? { sandbox: { support: sandbox, lab } } : {}),
			});
			if (!run.signal.aborted) {
				progress.finished(result);
				appendFileSync(csv, csvRows([result]));
			}
			return result;
		});
	} finally {
		rmSync(tmpRoot, { recursive: true, force: true });
	}
	progress.done();
	if (run.signal.aborted) {
		// Stopped on purpose (Ctrl+C): the documented outcome is no results at all.
		rmSync(csv, { force: true });
		if (!hadOut) rmSync(out, { recursive: true, force: true });
		io.stderr(
			`Stopped after ${results.length} of ${submissions.length} submissions; no results written\n`,
		);
		return typeof run.signal.reason === 'number' ? run.signal.reason : 130;
	}
	writeFileSync(csv, toCsv(results));
	writeFileSync(join(out, 'results.xml'), toJunit(results));
	io.stdout(`\n${summaryTable(results)}`);
	const near = relative(io.cwd, out);
	const shown = near === '' ? '.' : near.startsWith('..') ? out : near;
	io.stdout(`Results: ${join(shown, 'results.csv')}, ${join(shown, 'results.xml')}\n`);
	io.stdout(`Class report: npm run grade -- --report ${join(shown, 'results.csv')}\n`);
	return results.every((result) => result.passed) ? 0 : 1;
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
