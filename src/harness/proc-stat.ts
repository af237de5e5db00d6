// Reads Linux's /proc/<pid>/stat, which the harness, the batch grader and the benchmark each need
// a few fields of. The command name (field 2) may hold spaces and parentheses, so the fields are
// counted from the last ")": index 0 is the state (field 3), 1 the parent, 2 the process group,
// 11 and 12 the user and system CPU ticks, 19 the start time.
import { readFileSync } from 'node:fs';

/** The fields after the command name, or `undefined` when the process is gone or /proc is absent. */
export function statFields(pid: number | string): string[] | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}
