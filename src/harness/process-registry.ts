// Every learner process the harness starts is registered here until it is known to be gone, so that
// whatever ends the grader (normal exit, Ctrl-C, a deadline) can kill what is left.

const live = new Set<number>();
const spawnListeners = new Set<(pid: number) => void>();

export function trackGroup(pid: number): void {
	live.add(pid);
	for (const listener of spawnListeners) listener(pid);
}

export function untrackGroup(pid: number): void {
	live.delete(pid);
}

/** Process groups still believed alive (their leader's pid). */
export function liveGroups(): number[] {
	return [...live];
}

/** Calls `listener` with the pid of every learner process started from now on; returns an
 * unsubscribe function. Tests use it to prove that nothing is left behind. */
export function onSpawn(listener: (pid: number) => void): () => void {
	spawnListeners.add(listener);
	return () => spawnListeners.delete(listener);
}

/** Sends `signal` to the process group led by `pid`, or to the process alone where groups do not
 * exist (some sandboxes). Never throws: a group that is already gone is what we want. */
export function signalGroup(pid: number, signal: NodeJS.Signals): void {
	try {
		process.kill(-pid, signal);
	} catch {
		try {
			process.kill(pid, signal);
		} catch {
			// Already gone.
		}
	}
}

/** Synchronous, so it can run in an `exit` handler. */
export function killAllGroups(): void {
	for (const pid of live) signalGroup(pid, 'SIGKILL');
	live.clear();
}
