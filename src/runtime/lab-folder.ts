import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { LabFiles } from '../shared/protocol.ts';

/** Enough for any lab's handful of small files; more means something is wrong with the page. */
const MAX_FILES = 64;

/** A temporary folder holding the learner's files, removed by `remove`. */
export interface LabFolder {
	path: string;
	/** Turns paths inside the folder back into relative ones, so a stack trace names `lb.js:12`,
	 * the file the learner has open, rather than a temporary path. */
	relative(line: string): string;
	remove(): Promise<void>;
}

/** Writes the learner's files into a fresh temporary folder and nowhere else. Every path must be a
 * plain relative path (`server.js`, `lib/util.js`): anything that could climb out of the folder or
 * name a device is refused, because the files come from a web page. */
export async function writeLabFolder(files: LabFiles): Promise<LabFolder> {
	const names = Object.keys(files);
	if (names.length > MAX_FILES)
		throw new Error(`Too many files (${names.length}); at most ${MAX_FILES}.`);
	for (const name of names) {
		const problem = pathProblem(name);
		if (problem) throw new Error(`File "${name}" ${problem}.`);
	}
	const path = await mkdtemp(join(tmpdir(), 'lab-session-'));
	const remove = () => rm(path, { recursive: true, force: true, maxRetries: 3 });
	try {
		for (const name of names) {
			const target = join(path, name);
			await mkdir(dirname(target), { recursive: true });
			await writeFile(target, files[name] ?? '');
		}
	} catch (error) {
		await remove();
		throw error;
	}
	const url = `${pathToFileURL(path).href}/`;
	const relative = (line: string) =>
		line.includes(path) ? line.replaceAll(url, '').replaceAll(`${path}${sep}`, '') : line;
	return { path, relative, remove };
}

/** Why `name` is not an acceptable file path, or `undefined` when it is. */
export function pathProblem(name: string): string | undefined {
	if (name === '' || name.length > 200) return 'needs a name of 1 to 200 characters';
	// Only forward slashes separate folders, so a backslash or drive letter never means anything.
	if (!/^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/.test(name)) {
		return 'may use only letters, digits, ".", "_", "-" and "/" between folder names';
	}
	if (name.split('/').some((part) => part === '.' || part === '..')) {
		return 'must stay inside the lab folder (no "." or ".." parts)';
	}
	if (name.split('/').includes('node_modules')) return 'must not be inside node_modules';
	return undefined;
}
