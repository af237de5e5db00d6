// How a command that starts learner programs ends, whatever ends it (its last step, Ctrl-C, a
// closed terminal, SIGTERM): no learner program and no working copy is left behind, and the exit
// waits for standard output to drain, so a long report reaches a pipe whole. The grader, the batch
// grader and the lab command line all end this way.
import { killAllGroups, killAllGroupsAndWait } from './process-registry.ts';
import { removeAllWorkingCopiesSync } from './working-copy.ts';

/** Registers the clean-up; `onStop` runs on a signal, before the process exits with `code` for
 * SIGINT and 143 for the others. */
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
