// Whatever ends `lab check` (the last check, Ctrl-C, a closed terminal), no learner program and no
// working copy is left behind.
import { killAllGroups, killAllGroupsAndWait } from '../harness/process-registry.ts';
import { removeAllWorkingCopiesSync } from '../harness/working-copy.ts';

/** Registers the clean-up; `onStop` runs on a signal, before the process exits with `code`. */
export function stopProgramsOnExit(onStop: () => void = () => {}, code = 130): void {
	process.on('exit', () => {
		killAllGroups();
		removeAllWorkingCopiesSync();
	});
	for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
		process.on(signal, () => {
			onStop();
			void killAllGroupsAndWait(1000).then(() => exitAfterFlush(signal === 'SIGINT' ? code : 143));
		});
	}
}

/** Exits once standard output has drained; a stuck pipe still cannot keep the process alive. */
export function exitAfterFlush(code: number): void {
	setTimeout(() => process.exit(code), 2000).unref();
	process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
