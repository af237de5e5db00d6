// The shape of the learner's progress, shared by the browser scripts and the node tests. It is
// kept in localStorage under one versioned key, so a later version can read and convert it.

/** The best result of one quiz. */
export interface QuizScore {
	/** The most questions answered correctly in one attempt. */
	best: number;
	/** The number of questions in the quiz when that score was reached. */
	total: number;
}

/** What the learner has done in one lesson, keyed in `Progress.lessons` by the lesson's URL. */
export interface LessonProgress {
	/** When the lesson was first marked as read, as an ISO date; absent while unread. */
	read?: string;
	/** The best score of each quiz on the page, by quiz id. */
	quizzes?: Record<string, QuizScore>;
	/** The learner's answer to each reflective question on the page, by its id. */
	reflections?: Record<string, string>;
}

export interface Progress {
	version: 1;
	lessons: Record<string, LessonProgress>;
}

/** The localStorage key of the progress record. The lab workspace keeps passed labs under its own
 * keys (`lab:<id>:passed`, see src/shared/lab-bundle.ts); this module reads those rather than copying
 * them, so the workspace stays the one writer of its own state. */
export const progressKey = 'course-progress:v1';

export function emptyProgress(): Progress {
	return { version: 1, lessons: {} };
}
