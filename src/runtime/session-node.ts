// Which Node executable the session starts learner programs and its time-scale probe with. Node
// learns its own path from /proc/self/exe; where there is no /proc (a WebContainer has none) it
// falls back to the name it was started by, `node` or a path relative to the folder it started in,
// and a learner program spawned in its own working copy could then not find it. So the session
// settles the path once, at start, the way a shell found it.
import { accessSync, constants } from 'node:fs';
import { delimiter, isAbsolute, join, resolve } from 'node:path';

/** The absolute path of `execPath`: as it is when absolute, from `cwd` when it names a folder,
 * else the first executable of that name on `path`; as it is when none is found, since a bare
 * name still works wherever the learner's PATH finds it. */
export function nodeExecutable(execPath: string, path: string | undefined, cwd: string): string {
	if (isAbsolute(execPath)) return execPath;
	if (execPath.includes('/')) return resolve(cwd, execPath);
	for (const folder of (path ?? '').split(delimiter)) {
		if (!folder) continue;
		const candidate = resolve(cwd, join(folder, execPath));
		try {
			accessSync(candidate, constants.X_OK);
			return candidate;
		} catch {
			// Not here; the next folder.
		}
	}
	return execPath;
}

/** Makes `process.execPath`, which the harness spawns, absolute for the rest of this process. */
export function settleNodePath(): void {
	process.execPath = nodeExecutable(process.execPath, process.env['PATH'], process.cwd());
}
