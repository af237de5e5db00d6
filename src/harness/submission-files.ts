// A submission is data from a stranger: before any of it is copied, every entry is looked at with
// lstat, so a symlink that leads out of the folder, or a file far larger than a lab program (a 2 GiB
// sparse file costs no disk but would be copied in full, once per check), is refused by name
// instead of followed or copied. The harness's working copy is where a submission is first copied,
// so this lives in the harness, and the sandbox and the grader use it from here.
import { lstatSync, readdirSync, readlinkSync, type Stats } from 'node:fs';
import { copyFile, mkdir, symlink } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';

/** Largest file a submission may hold: lab programs are a few kilobytes of JavaScript and JSON. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Largest submission in all, and most entries: far above any lab, far below a full /tmp. */
export const MAX_TOTAL_BYTES = 32 * 1024 * 1024;
export const MAX_ENTRIES = 5000;
/** Never copied: dependencies (labs use built-in modules only) and version-control history. */
const SKIPPED = new Set(['node_modules', '.git']);

/** Why a submission cannot be graded, naming the file and the fix. */
export class SubmissionRefused extends Error {}

export interface Entry {
	/** Path relative to the submission's folder. */
	path: string;
	kind: 'file' | 'folder' | 'link';
	/** For a link: where it points, relative to the submission's folder. */
	target?: string;
}

/** Lists what would be copied, or throws `SubmissionRefused` before anything is read. */
export function inspectSubmission(folder: string): Entry[] {
	const entries: Entry[] = [];
	let total = 0;
	const walk = (dir: string) => {
		for (const name of readdirSync(join(folder, dir)).sort()) {
			if (SKIPPED.has(name)) continue;
			const path = dir === '' ? name : join(dir, name);
			const stats = lstatSync(join(folder, path));
			if (entries.length >= MAX_ENTRIES) {
				throw new SubmissionRefused(
					`${folder} holds more than ${MAX_ENTRIES} files; a lab needs a handful: remove the rest (such as build output) and grade again`,
				);
			}
			if (stats.isSymbolicLink()) entries.push(linkEntry(folder, path));
			else if (stats.isDirectory()) {
				entries.push({ path, kind: 'folder' });
				walk(path);
			} else if (stats.isFile()) {
				total += checkedSize(folder, path, stats, total);
				entries.push({ path, kind: 'file' });
			} else {
				throw new SubmissionRefused(
					`${path} in ${folder} is not a regular file (a device, socket or pipe); remove it and grade again`,
				);
			}
		}
	};
	walk('');
	return entries;
}

/** Copies the inspected entries into `to` (which must exist); links become relative links to the
 * same file inside the copy, so nothing in the copy points back at the original folder. */
export async function copySubmission(folder: string, to: string): Promise<void> {
	for (const entry of inspectSubmission(folder)) {
		const target = join(to, entry.path);
		if (entry.kind === 'folder') await mkdir(target, { recursive: true });
		else if (entry.kind === 'file') await copyFile(join(folder, entry.path), target);
		else {
			await mkdir(dirname(target), { recursive: true });
			await symlink(relative(dirname(entry.path), entry.target ?? '.') || '.', target);
		}
	}
}

function checkedSize(folder: string, path: string, stats: Stats, before: number): number {
	// The apparent size, not the blocks on disk: a sparse file reads back at its full length.
	if (stats.size > MAX_FILE_BYTES) {
		throw new SubmissionRefused(
			`${path} in ${folder} is ${megabytes(stats.size)}; a submission's files may be at most ${megabytes(MAX_FILE_BYTES)} each, so it was not copied: remove it and grade again`,
		);
	}
	if (before + stats.size > MAX_TOTAL_BYTES) {
		throw new SubmissionRefused(
			`${folder} holds more than ${megabytes(MAX_TOTAL_BYTES)} of files (reached at ${path}); remove what the program does not need and grade again`,
		);
	}
	return stats.size;
}

function linkEntry(folder: string, path: string): Entry {
	const pointsTo = readlinkSync(join(folder, path));
	const resolved = isAbsolute(pointsTo)
		? resolve(pointsTo)
		: resolve(join(folder, dirname(path)), pointsTo);
	const inside = relative(folder, resolved);
	if (inside === '' || inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside)) {
		throw new SubmissionRefused(
			`${path} in ${folder} is a symbolic link to ${pointsTo}, outside the submission; a submission must hold its own files: replace the link with the file itself`,
		);
	}
	const target = lstatSync(resolved, { throwIfNoEntry: false });
	if (!target || target.isSymbolicLink()) {
		throw new SubmissionRefused(
			`${path} in ${folder} is a symbolic link to ${pointsTo}, which ${target ? 'is itself a link' : 'does not exist'}; replace the link with the file itself`,
		);
	}
	return { path, kind: 'link', target: inside };
}

function megabytes(bytes: number): string {
	return bytes >= 1024 ** 3
		? `${(bytes / 1024 ** 3).toFixed(1)} GiB`
		: `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
}
