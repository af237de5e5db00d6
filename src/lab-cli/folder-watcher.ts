// Watches a learner's folder and its subfolders for changes. One plain watcher per folder rather
// than Node's recursive option, because on Linux that one registers its folders in the background:
// a save made just after it starts can go unseen, while a plain watcher is active once created.
import { readdirSync, statSync, watch, type FSWatcher } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** Enough for any lab folder; the bound keeps a mistaken folder (a home folder) from using up
 * the system's watches. */
const MAX_FOLDERS = 500;

export interface FolderWatcher {
	close(): void;
}

/** Calls `onChange` with the path (relative to `root`) of every file that changes, except files
 * that are not the learner's code. Throws if `root` cannot be watched. */
export function watchFolder(root: string, onChange: (path: string) => void): FolderWatcher {
	const watchers = new Map<string, FSWatcher>();
	const add = (folder: string) => {
		if (watchers.has(folder) || watchers.size >= MAX_FOLDERS) return;
		const watcher = watch(folder, (_event, name) => {
			const path = name === null ? folder : join(folder, name);
			const shown = relative(root, path);
			if (ignored(shown)) return;
			// A new or renamed subfolder needs its own watcher.
			if (isDirectory(path)) addTree(path);
			onChange(shown || '.');
		});
		// The folder was removed: its watcher has nothing left to report.
		watcher.on('error', () => {
			watcher.close();
			watchers.delete(folder);
		});
		watchers.set(folder, watcher);
	};
	const addTree = (folder: string) => {
		add(folder);
		for (const entry of readdirSync(folder, { withFileTypes: true })) {
			const path = join(folder, entry.name);
			if (entry.isDirectory() && !ignored(relative(root, path))) addTree(path);
		}
	};
	addTree(root);
	return {
		close() {
			for (const watcher of watchers.values()) watcher.close();
			watchers.clear();
		},
	};
}

/** Changes that are not the learner's code: installed packages, version control and other hidden
 * files, and editors' backup files (vim also probes with a file named by a number). */
export function ignored(path: string): boolean {
	const parts = path.split(sep);
	const file = parts.at(-1) ?? '';
	return (
		parts.some((part) => part === 'node_modules' || part.startsWith('.')) ||
		file.endsWith('~') ||
		/^\d+$/.test(file)
	);
}

function isDirectory(path: string): boolean {
	try {
		return statSync(path).isDirectory();
	} catch {
		return false;
	}
}
