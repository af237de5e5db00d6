import { AstroError } from 'astro/errors';
import type { QuizKey } from '../../shared/quiz-key.ts';

// The build-time checks for <Quiz>: a quiz that cannot be graded must fail the build with a message
// that says which quiz and question to fix, rather than confuse learners on the page.

export interface QuizChoice {
	text: string;
	/** Marks the right answer; exactly one choice per question has it. */
	correct?: boolean;
	/** Why this choice is right or wrong, shown when the learner picks it. */
	explanation: string;
}

export interface QuizQuestion {
	prompt: string;
	choices: QuizChoice[];
}

/** Checks a quiz and returns its answer key, or throws naming the page, quiz and question. */
export function quizKey(id: string, questions: readonly QuizQuestion[], page: string): QuizKey[] {
	const where = `Quiz "${id}" on ${page}`;
	if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(id)) {
		throw new AstroError(`${where}: the id is not kebab-case.`, 'Use an id such as "http-basics".');
	}
	if (questions.length === 0) {
		throw new AstroError(`${where} has no questions.`, 'Give the quiz at least one question.');
	}
	return questions.map((question, index) => {
		const name = `question ${index + 1} ("${question.prompt}")`;
		const correct = question.choices.flatMap((choice, i) => (choice.correct ? [i] : []));
		if (question.choices.length < 2) {
			throw new AstroError(`${where}: ${name} has fewer than two choices.`, 'Add a wrong choice.');
		}
		if (correct.length !== 1 || correct[0] === undefined) {
			throw new AstroError(
				`${where}: ${name} has ${correct.length} choices marked correct.`,
				'Mark exactly one choice of each question with `correct: true`.',
			);
		}
		const blank = question.choices.findIndex((choice) => !choice.explanation?.trim());
		if (blank >= 0) {
			throw new AstroError(
				`${where}: choice ${blank + 1} of ${name} has no explanation.`,
				'Every choice needs an `explanation` saying why it is right or wrong.',
			);
		}
		return {
			correct: correct[0],
			choices: question.choices.map(({ text, explanation }) => ({ text, explanation })),
		};
	});
}
