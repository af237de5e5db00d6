// `lab check --watch`: runs the checks again whenever a file in the learner's folder changes, so
// the results sit beside the editor and follow every save.
import { resolve } from 'node:path';
import { grade, type GradeIo } from '../grader/grade.ts';
import { exitAfterFlush, stopProgramsOnExit } from '../harness/process-exit.ts';
import { labSource, shown } from './course.ts';
import { watchFolder, type FolderWatcher } from './folder-watcher.ts';

/** Editors save in bursts (a temporary file, a rename, a touch): one run follows the last one. */
const DEBOUNCE_MS = 250;

/** Runs the checks, then again after each change; ends only by exiting the process. */
export async function watchChecks(
	gradeArgv: readonly string[],
	folderArg: string,
	io: GradeIo,
): Promise<void> {
	const folder = resolve(io.cwd, folderArg);
	let watcher: FolderWatcher | undefined;
	let timer: ReturnType<typeof setTimeout> | undefined;
	stopProgramsOnExit(() => {
		watcher?.close();
		clearTimeout(timer);
		io.stdout('\nStopped watching.\n');
	}, 0);
	// A usage mistake (unknown lab, missing folder) shows on the first run; watching would not fix it.
	if ((await grade(gradeArgv, labSource, io)) === 2) return exitAfterFlush(2);
	const waiting = () =>
		io.stdout(`\nWatching ${shown(folder)} for changes; press Ctrl+C to stop.\n`);
	let running = false;
	let changed: string | undefined;
	const run = async () => {
		running = true;
		// A change made during a run is checked by one more run right after it, never lost.
		while (changed !== undefined) {
			const name = changed;
			changed = undefined;
			const time = new Date().toLocaleTimeString('en-GB');
			io.stdout(`\n── ${time}: ${name} changed, checking again ──\n`);
			await grade(gradeArgv, labSource, io);
		}
		running = false;
		waiting();
	};
	try {
		watcher = watchFolder(folder, (name) => {
			changed = name;
			clearTimeout(timer);
			timer = setTimeout(() => {
				if (!running) void run();
			}, DEBOUNCE_MS);
		});
	} catch (error) {
		const text = error instanceof Error ? error.message : String(error);
		io.stderr(`Cannot watch ${shown(folder)}: ${text}\n`);
		return exitAfterFlush(2);
	}
	// Said only now that the watchers are active, so a save from here on is never missed.
	waiting();
}
