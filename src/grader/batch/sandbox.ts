// One submission of a batch, graded in a sandbox of its own.
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { ChildOptions } from './child.ts';
import type { PairResult, Submission } from './result.ts';
import { jsonReport } from '../reporters/json.ts';
import { runLabSandboxed } from '../../sandbox/run-lab.ts';

/** Grades in a sandbox, from this process: the sandbox is the submission's boundary, so no child
 * grader is needed between it and the batch, and the sandbox's pid namespace takes every process
 * the learner started with it when it ends. */
export async function gradeInSandbox(
	submission: Submission,
	options: ChildOptions,
	sandbox: NonNullable<ChildOptions['sandbox']>,
): Promise<PairResult> {
	const tmp = mkdtempSync(join(options.tmpRoot, `${submission.lab}-`));
	try {
		const result = await runLabSandboxed(sandbox.lab, {
			support: sandbox.support,
			folder: submission.folder,
			seed: options.seed,
			deadlineMs: options.deadlineMs,
			tmpRoot: tmp,
			signal: options.signal,
		});
		const { passed, checks } = jsonReport(result);
		const { learner, lab } = submission;
		return { learner, lab, passed, checks, durationMs: result.durationMs, seed: options.seed };
	} finally {
		rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
	}
}
