import type { LabFiles } from '../../shared/protocol.ts';
import { filesKey, isEditablePath, passedKey, type LabFile } from '../../shared/lab-bundle.ts';

// The learner's edits live in localStorage, keyed by lab. Saving is debounced while they type, and
// flushed when the page is hidden or left, so a reload or a crashed tab loses at most a moment. A
// save the browser refuses (a full storage) is reported, never swallowed.

const saveDelayMs = 300;

interface Saved {
	version: 1;
	files: LabFiles;
	savedAt: number;
}

function read(key: string): string | null {
	try {
		return localStorage.getItem(key);
	} catch {
		// Storage can be disabled (private modes, blocked cookies); the workspace still works.
		return null;
	}
}

/** Writes one entry; false when the browser refused it (its storage is full or turned off). */
function write(key: string, value: string | null): boolean {
	try {
		if (value === null) localStorage.removeItem(key);
		else localStorage.setItem(key, value);
		return true;
	} catch {
		// Editing goes on: the edit stays in the editor, and the saver's caller tells the learner.
		return false;
	}
}

/** The files to open: the starter, with the learner's saved editable files (a module the solution
 * added included). Locked files always come from the starter, so an updated data file reaches
 * learners. */
export function restoreFiles(labId: string, starter: readonly LabFile[]): LabFiles {
	const files: LabFiles = Object.fromEntries(starter.map((file) => [file.path, file.content]));
	const raw = read(filesKey(labId));
	if (!raw) return files;
	try {
		const saved = JSON.parse(raw) as Saved;
		for (const [path, text] of Object.entries(saved.files)) {
			if (isEditablePath(path) && typeof text === 'string') files[path] = text;
		}
	} catch {
		// A corrupt entry is ignored rather than blocking the lab; the next save replaces it.
	}
	return files;
}

/** Whether the learner's latest edits are stored; told to the workspace on every change. */
export type SaveState = 'saved' | 'unsaved';

/** Saves edits for one lab: `schedule` while typing, `flush` to write a pending edit now. Every
 * save that fails, and the first that succeeds after one, is told to `onState`, so the page can say
 * at once that an edit was not kept. */
export function createSaver(
	labId: string,
	current: () => LabFiles,
	onState: (state: SaveState) => void = () => undefined,
) {
	let pending = false;
	let state: SaveState = 'saved';
	let timer: ReturnType<typeof setTimeout> | undefined;
	const saveNow = () => {
		clearTimeout(timer);
		pending = false;
		const saved: Saved = { version: 1, files: current(), savedAt: Date.now() };
		const next: SaveState = write(filesKey(labId), JSON.stringify(saved)) ? 'saved' : 'unsaved';
		if (next === 'unsaved' || state !== next) onState(next);
		state = next;
	};
	const flush = () => {
		if (pending) saveNow();
	};
	const schedule = () => {
		pending = true;
		clearTimeout(timer);
		timer = setTimeout(flush, saveDelayMs);
	};
	const onHidden = () => {
		if (document.visibilityState === 'hidden') flush();
	};
	addEventListener('pagehide', flush);
	document.addEventListener('visibilitychange', onHidden);
	return { schedule, flush, saveNow };
}

export function isPassed(labId: string): boolean {
	return read(passedKey(labId)) !== null;
}

export function markPassed(labId: string): void {
	// A pass that cannot be stored still shows on the page; it only goes unremembered.
	write(passedKey(labId), new Date().toISOString());
}
