// Finds the processes a batch's grader started, so that a grader killed on its deadline does not
// leave its learner programs running: they sit in sessions of their own, out of reach of a signal
// sent to the grader's process group. Linux /proc only; elsewhere every answer is empty, and a
// batch relies on the grader's own SIGTERM handler to stop its programs.
import { readdirSync, readlinkSync } from 'node:fs';
import { sep } from 'node:path';
import { signalGroup } from '../harness/process-registry.ts';
import { statFields } from '../harness/proc-stat.ts';

/** A process as it was seen: its start time tells it apart from a later one that reuses the pid. */
export interface SeenProcess {
	pid: number;
	start: string;
}

interface Stat extends SeenProcess {
	ppid: number;
	state: string;
}

function readStat(pid: number): Stat | undefined {
	const fields = statFields(pid);
	return (
		fields && { pid, state: fields[0] ?? '', ppid: Number(fields[1]), start: fields[19] ?? '' }
	);
}

function allPids(): number[] {
	try {
		return readdirSync('/proc')
			.filter((name) => /^\d+$/.test(name))
			.map(Number);
	} catch {
		return [];
	}
}

/** Every process below `root` in the process tree, at this moment. */
export function descendants(root: number): SeenProcess[] {
	const children = new Map<number, Stat[]>();
	for (const pid of allPids()) {
		const stat = readStat(pid);
		if (stat) children.set(stat.ppid, [...(children.get(stat.ppid) ?? []), stat]);
	}
	const found: SeenProcess[] = [];
	const queue = [root];
	// Bounded by the number of processes: each pid has one parent, so none is queued twice.
	while (queue.length > 0) {
		for (const child of children.get(queue.shift() ?? -1) ?? []) {
			found.push({ pid: child.pid, start: child.start });
			queue.push(child.pid);
		}
	}
	return found;
}

/** Processes whose working folder is `folder` or inside it: learner programs run in working
 * copies made under the temporary folder their grader was given, even once orphaned. */
export function processesIn(folder: string): SeenProcess[] {
	const found: SeenProcess[] = [];
	for (const pid of allPids()) {
		try {
			const cwd = readlinkSync(`/proc/${pid}/cwd`);
			const stat = readStat(pid);
			if (stat && (cwd === folder || cwd.startsWith(folder + sep))) {
				found.push({ pid, start: stat.start });
			}
		} catch {
			// Another user's process, or one that just ended.
		}
	}
	return found;
}

/** True while the process seen earlier still runs. A zombie does not: it has ended, and only
 * waits for its parent (or init, once orphaned) to collect its exit status. */
export function stillRunning(seen: SeenProcess): boolean {
	const stat = readStat(seen.pid);
	return stat?.start === seen.start && stat.state !== 'Z';
}

/** Kills each process's group, skipping any whose pid now belongs to another process. */
export function killSeen(processes: readonly SeenProcess[]): void {
	for (const seen of processes) if (stillRunning(seen)) signalGroup(seen.pid, 'SIGKILL');
}
