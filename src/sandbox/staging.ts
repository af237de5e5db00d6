// Host folders that a sandbox binds must be readable by the user it runs as. A grader or runtime
// started as root enters the sandbox as `nobody` (see probe.ts), which cannot read a private
// temporary folder (mode 0700) or pass through one on the way, so the folders bound are opened
// up first. Only copies made for the sandbox are ever opened, never a learner's own folder, and
// nothing in them is secret from the program that is about to run them.
import { chmodSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/** Lets `nobody` read `folder` and everything in it. */
export function openToNobody(folder: string): void {
	chmodSync(folder, 0o755);
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		const path = join(folder, entry.name);
		if (entry.isDirectory()) openToNobody(path);
		else if (entry.isFile()) chmodSync(path, 0o644);
	}
}

/** Whether every folder from the root down to `dir` lets others pass through it. */
export function passableByOthers(dir: string): boolean {
	for (let at = resolve(dir); ; at = dirname(at)) {
		if ((statSync(at).mode & 0o001) === 0) return false;
		if (at === dirname(at)) return true;
	}
}

/** Where a staging folder can go: as root, a folder that `nobody` can pass through, which a
 * private temporary folder (mode 0700 on the way) is not; the system's /tmp always is. */
export function stagingBase(preferred: string, asNobody: boolean): string {
	return !asNobody || passableByOthers(preferred) ? preferred : '/tmp';
}
