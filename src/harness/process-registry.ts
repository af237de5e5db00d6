// Every learner process the harness starts is registered here until it is known to be gone, so that
// whatever ends the grader (normal exit, Ctrl-C, a deadline) can kill what is left.

/** Live groups by their leader's pid, with a promise that settles when the leader has exited. */
const live = new Map<number, Promise<unknown>>();
const spawnListeners = new Set<(pid: number) => void>();

export function trackGroup(pid: number, exited: Promise<unknown>): void {
	live.set(pid, exited);
	for (const listener of spawnListeners) listener(pid);
}

export function untrackGroup(pid: number): void {
	live.delete(pid);
}

/** Process groups still believed alive (their leader's pid). */
export function liveGroups(): number[] {
	return [...live.keys()];
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
	for (const pid of live.keys()) signalGroup(pid, 'SIGKILL');
}

/** Kills every group and waits (bounded) until their leaders have exited and been reaped by us, so
 * that none is left as an orphan when the grader exits. */
export async function killAllGroupsAndWait(ms: number): Promise<void> {
	killAllGroups();
	let timer: ReturnType<typeof setTimeout> | undefined;
	await Promise.race([
		Promise.allSettled(live.values()),
		new Promise((resolve) => (timer = setTimeout(resolve, ms))),
	]);
	clearTimeout(timer);
	live.clear();
}
