import type { LessonProgress, Progress, QuizScore } from './types.ts';

// Checks progress read from storage or from a learner's file before anything trusts it. Every
// check says what is wrong in words a learner can act on, because an import that fails shows the
// message as it is.

export type Parsed = { ok: true; progress: Progress } | { ok: false; error: string };

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isDate(value: unknown): value is string {
	return typeof value === 'string' && !Number.isNaN(Date.parse(value));
}

function quizError(id: string, score: unknown): string | undefined {
	if (!isObject(score)) return `quiz "${id}" has no score`;
	const { best, total } = score as Partial<QuizScore>;
	const whole = (n: unknown): n is number => Number.isInteger(n) && (n as number) >= 0;
	if (!whole(best) || !whole(total) || total === 0 || best > total) {
		return `quiz "${id}" has an impossible score`;
	}
	return undefined;
}

function lessonError(url: string, lesson: unknown): string | undefined {
	if (!url.startsWith('/')) return `"${url}" is not a lesson address`;
	if (!isObject(lesson)) return `the entry for ${url} is not a record`;
	const { read, quizzes, reflections } = lesson as LessonProgress;
	if (read !== undefined && !isDate(read)) return `${url} has a "read" date that is not a date`;
	if (quizzes !== undefined) {
		if (!isObject(quizzes)) return `${url} has quiz scores that are not a record`;
		for (const [id, score] of Object.entries(quizzes)) {
			const error = quizError(id, score);
			if (error) return `${url}: ${error}`;
		}
	}
	if (reflections !== undefined) {
		if (!isObject(reflections)) return `${url} has reflections that are not a record`;
		if (Object.values(reflections).some((text) => typeof text !== 'string')) {
			return `${url} has a reflection that is not text`;
		}
	}
	return undefined;
}

/** Checks a progress record that has already been parsed from JSON. */
export function checkProgress(value: unknown): Parsed {
	if (!isObject(value)) return { ok: false, error: 'the progress is not a record' };
	if (value['version'] !== 1) {
		return {
			ok: false,
			error: `it has version ${String(value['version'])}, this site reads version 1`,
		};
	}
	const lessons = value['lessons'];
	if (!isObject(lessons)) return { ok: false, error: 'it has no "lessons" record' };
	for (const [url, lesson] of Object.entries(lessons)) {
		const error = lessonError(url, lesson);
		if (error) return { ok: false, error };
	}
	return { ok: true, progress: { version: 1, lessons: lessons as Progress['lessons'] } };
}

/** Parses and checks a progress record stored as JSON text. */
export function parseProgress(text: string): Parsed {
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, error: 'it is not valid JSON' };
	}
	return checkProgress(value);
}
