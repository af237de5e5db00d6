import type { LessonProgress, Progress } from './types.ts';
import { checkProgress } from './validate.ts';

// The file a learner exports to keep their progress or move it to another browser, and the checks
// and merge that bring it back. Pure functions, so the node tests can try damaged files.

/** Names the kind of file, so a JSON file from somewhere else is recognised and refused. */
export const exportFormat = 'client-server-course-progress';

/** Files bigger than this are not progress exports; refusing them early keeps the page responsive. */
const maxBytes = 2_000_000;

export interface ProgressExport {
	format: typeof exportFormat;
	version: 1;
	exportedAt: string;
	progress: Progress;
	/** The labs passed in this browser, by lab id, with the date each first passed. */
	labsPassed: Record<string, string>;
}

export type Imported =
	| { ok: true; progress: Progress; labsPassed: Record<string, string> }
	| { ok: false; error: string };

export function createExport(
	progress: Progress,
	labsPassed: Record<string, string>,
	now = new Date(),
): ProgressExport {
	return { format: exportFormat, version: 1, exportedAt: now.toISOString(), progress, labsPassed };
}

function refuse(reason: string): Imported {
	return { ok: false, error: `This file was not imported: ${reason}. Your progress is unchanged.` };
}

/** Checks an exported file's text completely before anything is written. */
export function parseExport(text: string): Imported {
	if (text.length > maxBytes) return refuse('it is far too big to be a progress file');
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return refuse('it is damaged or not a JSON file');
	}
	const file = value as Partial<ProgressExport> | null;
	if (typeof file !== 'object' || file === null || file.format !== exportFormat) {
		return refuse('it is not a progress file exported from this course');
	}
	if (file.version !== 1) {
		return refuse(`it was made by a newer version of the course (version ${String(file.version)})`);
	}
	const checked = checkProgress(file.progress);
	if (!checked.ok) return refuse(`its progress is damaged (${checked.error})`);
	const labs: unknown = file.labsPassed ?? {};
	if (typeof labs !== 'object' || labs === null || Array.isArray(labs)) {
		return refuse('its list of passed labs is damaged');
	}
	for (const [id, when] of Object.entries(labs)) {
		if (
			!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id) ||
			typeof when !== 'string' ||
			Number.isNaN(Date.parse(when))
		) {
			return refuse(`its entry for the lab "${id}" is damaged`);
		}
	}
	return { ok: true, progress: checked.progress, labsPassed: labs as Record<string, string> };
}

function earlier(a: string | undefined, b: string | undefined): string | undefined {
	if (a === undefined || b === undefined) return a ?? b;
	return Date.parse(a) <= Date.parse(b) ? a : b;
}

function mergeLesson(mine: LessonProgress, theirs: LessonProgress): LessonProgress {
	const merged: LessonProgress = { ...mine };
	const read = earlier(mine.read, theirs.read);
	if (read) merged.read = read;
	const quizzes = { ...mine.quizzes };
	for (const [id, score] of Object.entries(theirs.quizzes ?? {})) {
		const current = quizzes[id];
		if (!current || score.best / score.total > current.best / current.total) quizzes[id] = score;
	}
	if (Object.keys(quizzes).length > 0) merged.quizzes = quizzes;
	// The imported answer wins where both have one: importing is a deliberate choice of that file.
	const reflections = { ...mine.reflections, ...theirs.reflections };
	if (Object.keys(reflections).length > 0) merged.reflections = reflections;
	return merged;
}

/** Adds imported progress to the current one without losing either: a lesson stays read, each quiz
 * keeps the better score, and a lab passed in either browser counts as passed. */
export function mergeProgress(mine: Progress, theirs: Progress): Progress {
	const lessons = { ...mine.lessons };
	for (const [url, lesson] of Object.entries(theirs.lessons)) {
		lessons[url] = mergeLesson(lessons[url] ?? {}, lesson);
	}
	return { version: 1, lessons };
}

export function mergeLabs(
	mine: Record<string, string>,
	theirs: Record<string, string>,
): Record<string, string> {
	const merged = { ...mine };
	for (const [id, when] of Object.entries(theirs)) merged[id] = earlier(merged[id], when) ?? when;
	return merged;
}
