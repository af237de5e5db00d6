import { passedKey } from '../../shared/lab-bundle.ts';
import { emptyProgress, progressKey, type LessonProgress, type Progress } from './types.ts';
import { parseProgress } from './validate.ts';

// Reads and writes the learner's progress in localStorage. Every write announces itself with a
// `course-progress` event, so the outline and the progress page can follow changes made elsewhere
// on the same page; the `storage` event covers other tabs.

export const changeEvent = 'course-progress';

function storage(): Storage | undefined {
	try {
		return localStorage;
	} catch {
		// Storage can be disabled (private modes, blocked cookies); the lessons still work.
		return undefined;
	}
}

/** The stored progress, or an empty record when there is none or it cannot be read. */
export function readProgress(): Progress {
	const raw = storage()?.getItem(progressKey);
	if (!raw) return emptyProgress();
	const parsed = parseProgress(raw);
	return parsed.ok ? parsed.progress : emptyProgress();
}

export function writeProgress(progress: Progress): void {
	try {
		storage()?.setItem(progressKey, JSON.stringify(progress));
	} catch {
		// A full storage must not break the lesson; the learner simply keeps no record this time.
	}
	dispatchEvent(new CustomEvent(changeEvent));
}

/** Changes one lesson's record: reads the latest stored state first, so two scripts on the page
 * never overwrite each other's changes. */
export function updateLesson(url: string, change: (lesson: LessonProgress) => void): void {
	const progress = readProgress();
	const lesson = (progress.lessons[url] ??= {});
	change(lesson);
	writeProgress(progress);
}

export function lessonProgress(url: string): LessonProgress {
	return readProgress().lessons[url] ?? {};
}

/** The labs the workspace has recorded as passed, by id, with the date each first passed. */
export function passedLabs(ids: Iterable<string>): Record<string, string> {
	const store = storage();
	const passed: Record<string, string> = {};
	for (const id of ids) {
		const when = store?.getItem(passedKey(id));
		if (when) passed[id] = when;
	}
	return passed;
}

/** Every lab id the workspace has marked as passed in this browser. */
export function allPassedLabs(): Record<string, string> {
	const store = storage();
	if (!store) return {};
	const ids: string[] = [];
	for (let i = 0; i < store.length; i++) {
		const id = /^lab:(.+):passed$/.exec(store.key(i) ?? '')?.[1];
		if (id) ids.push(id);
	}
	return passedLabs(ids);
}

/** Replaces the passed labs with `labs`, used by import and reset. */
export function replacePassedLabs(labs: Record<string, string>): void {
	const store = storage();
	if (!store) return;
	for (const id of Object.keys(allPassedLabs())) store.removeItem(passedKey(id));
	for (const [id, when] of Object.entries(labs)) store.setItem(passedKey(id), when);
	dispatchEvent(new CustomEvent(changeEvent));
}

/** Stores `progress` and `labs` together or not at all: when the browser refuses any write (its
 * storage is full), every entry is put back as it was and false is returned, so an import never
 * reports success with half of it, or none of it, kept. */
export function storeAll(progress: Progress, labs: Record<string, string>): boolean {
	const store = storage();
	if (!store) return false;
	const keys = [
		progressKey,
		...new Set([...Object.keys(allPassedLabs()), ...Object.keys(labs)].map(passedKey)),
	];
	const before = new Map(keys.map((key) => [key, store.getItem(key)]));
	try {
		for (const id of Object.keys(allPassedLabs())) store.removeItem(passedKey(id));
		for (const [id, when] of Object.entries(labs)) store.setItem(passedKey(id), when);
		store.setItem(progressKey, JSON.stringify(progress));
	} catch {
		// Removing entries frees room, so putting the old values back cannot fail for want of it.
		for (const [key, value] of before) {
			if (value === null) store.removeItem(key);
			else store.setItem(key, value);
		}
		return false;
	}
	dispatchEvent(new CustomEvent(changeEvent));
	return true;
}
