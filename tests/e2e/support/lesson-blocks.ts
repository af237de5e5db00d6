// Finds the lesson components (<Quiz>, <Reflect>) in the content files on disk, so the browser
// tests exercise whatever the writers have put in the course rather than a copy of it.
import { expectedLessons, type ExpectedLesson } from './course.ts';

export interface QuizChoice {
	text: string;
	correct?: boolean;
	explanation: string;
}

export interface QuizInSource {
	lesson: ExpectedLesson;
	id: string;
	questions: { prompt: string; choices: QuizChoice[] }[];
}

/** The text a learner sees for a quiz string: backticks mark code and are not shown. */
export function shown(text: string): string {
	return text.replaceAll('`', '');
}

/** The value of the `questions={…}` prop that starts at `from`: the braces are balanced, skipping
 * strings, and the expression is evaluated as the object literal the writer typed. */
function questionsProp(body: string, from: number): QuizInSource['questions'] {
	const start = body.indexOf('questions={', from) + 'questions={'.length;
	let depth = 1;
	let quote = '';
	let i = start;
	for (; i < body.length && depth > 0; i++) {
		const char = body[i]!;
		if (quote) {
			if (char === '\\') i++;
			else if (char === quote) quote = '';
		} else if (char === "'" || char === '"' || char === '`') quote = char;
		else if (char === '{') depth++;
		else if (char === '}') depth--;
	}
	// The quiz is a JavaScript object literal in the lesson's own source, which this test evaluates on
	// purpose to compare the page with what the author wrote; it is the course's text, not input.
	// eslint-disable-next-line @typescript-eslint/no-implied-eval, @typescript-eslint/no-unsafe-call
	return new Function(`return (${body.slice(start, i - 1)});`)() as QuizInSource['questions'];
}

/** Every quiz of the course, in reading order. */
export function quizzes(): QuizInSource[] {
	return expectedLessons().flatMap((lesson) =>
		[...lesson.body.matchAll(/<Quiz\b[\s\S]*?\bid=(["'])([^"']+)\1/g)].map((match) => ({
			lesson,
			id: match[2]!,
			questions: questionsProp(lesson.body, match.index),
		})),
	);
}

/** The first quiz of the course with at least two questions, so a right and a wrong answer fit. */
export function firstQuiz(): QuizInSource {
	const quiz = quizzes().find((q) => q.questions.length >= 2);
	if (!quiz) throw new Error('No lesson has a <Quiz> with two questions or more to test.');
	return quiz;
}

/** The first reflective question of the course, with its lesson. */
export function firstReflect(): { lesson: ExpectedLesson; id: string; prompt: string } {
	for (const lesson of expectedLessons()) {
		const tag = /<Reflect\b[\s\S]*?\/>/.exec(lesson.body)?.[0];
		if (!tag) continue;
		const id = /\bid=(["'])(.*?)\1/.exec(tag)?.[2];
		const prompt = /\bprompt=(["'])(.*?)\1/s.exec(tag)?.[2];
		if (id && prompt) return { lesson, id, prompt: shown(prompt) };
	}
	throw new Error('No lesson has a <Reflect id="…" prompt="…" /> to test.');
}

/** The labs a lesson's front matter lists. */
export function labsOf(lesson: ExpectedLesson): string[] {
	const labs = (lesson as ExpectedLesson & { labs?: unknown }).labs;
	return Array.isArray(labs) ? labs.map(String) : [];
}
