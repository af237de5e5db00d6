import type { LessonProgress } from './types.ts';

// What the outline and the progress page say about one lesson. Kept apart from the DOM so both
// show the same words and the node tests can check them.

export interface LessonStatus {
	read: boolean;
	/** The best scores of the lesson's quizzes added together; absent until a quiz is answered. */
	quiz?: { best: number; total: number };
	/** The lesson's labs passed so far; absent for a lesson without labs. */
	labs?: { passed: number; total: number };
}

export function lessonStatus(
	lesson: LessonProgress,
	labIds: readonly string[],
	passed: Record<string, string>,
): LessonStatus {
	const status: LessonStatus = { read: lesson.read !== undefined };
	const scores = Object.values(lesson.quizzes ?? {});
	if (scores.length > 0) {
		status.quiz = {
			best: scores.reduce((sum, score) => sum + score.best, 0),
			total: scores.reduce((sum, score) => sum + score.total, 0),
		};
	}
	if (labIds.length > 0) {
		status.labs = {
			passed: labIds.filter((id) => passed[id] !== undefined).length,
			total: labIds.length,
		};
	}
	return status;
}

/** The words shown beside a lesson in the outline, such as `Read, quiz 2 of 3, lab passed`. Empty
 * when the learner has done nothing there yet, so the outline shows nothing. */
export function statusText(status: LessonStatus): string {
	const parts: string[] = [];
	if (status.read) parts.push('read');
	if (status.quiz) parts.push(`quiz ${status.quiz.best} of ${status.quiz.total}`);
	if (status.labs && status.labs.passed > 0) {
		parts.push(
			status.labs.total === 1 ? 'lab passed' : `labs ${status.labs.passed} of ${status.labs.total}`,
		);
	}
	const text = parts.join(', ');
	return text.charAt(0).toUpperCase() + text.slice(1);
}
