import { rmSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, normalize, sep } from 'node:path';
import { copySubmission, SubmissionRefused } from './submission-files.ts';
import { CheckFailure } from './check-failure.ts';

/** Copies not yet removed, so a grader that is stopped mid-check can still clean up. */
const live = new Set<string>();

/** Copies the learner's folder to a fresh temporary folder and writes the grader's files into the
 * copy, because the learner's own folder must never be written to. `node_modules` is skipped: labs
 * use built-in modules only, and copying one would be slow. The folder is taken as data: a link out
 * of it or an oversized file fails the check with the file named, and nothing is copied. Returns the
 * copy's path. */
export async function makeWorkingCopy(
	folder: string,
	files: Record<string, string> = {},
): Promise<string> {
	const copy = await mkdtemp(join(tmpdir(), 'lab-run-'));
	live.add(copy);
	try {
		await copySubmission(folder, copy);
	} catch (error) {
		throw error instanceof SubmissionRefused ? new CheckFailure(error.message) : error;
	}
	for (const [name, content] of Object.entries(files)) {
		const relative = normalize(name);
		if (isAbsolute(relative) || relative === '..' || relative.startsWith(`..${sep}`)) {
			throw new Error(`Grader file "${name}" must be a path inside the program's folder.`);
		}
		const target = join(copy, relative);
		await mkdir(dirname(target), { recursive: true });
		// A learner's link of the same name would be followed by the write; the grader's file
		// replaces it instead.
		await rm(target, { force: true });
		await writeFile(target, content);
	}
	return copy;
}

export async function removeWorkingCopy(copy: string): Promise<void> {
	await rm(copy, { recursive: true, force: true, maxRetries: 3 });
	live.delete(copy);
}

/** Synchronous, so it can run in an `exit` handler. */
export function removeAllWorkingCopiesSync(): void {
	for (const copy of live) {
		try {
			rmSync(copy, { recursive: true, force: true });
		} catch {
			// Best effort: the process is on its way out.
		}
	}
	live.clear();
}
