// A quiz that cannot be graded must stop the build with a message that names the quiz, the page
// and the question, both from the checking function and from a real build of a fixture course.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { quizKey, type QuizQuestion } from '../../src/lib/course/quiz.ts';
import { buildFixture } from './support/astro-build.ts';

const page = '/lessons/basics/quiz/';
const good: QuizQuestion = {
	prompt: 'Which side speaks first?',
	choices: [
		{ text: 'The client', correct: true, explanation: 'It sends the request.' },
		{ text: 'The server', explanation: 'It only replies.' },
	],
};

describe('checking a quiz at build time', () => {
	test('gives the index of the right choice and every explanation', () => {
		const key = quizKey('roles', [good], page);
		assert.deepEqual(key, [
			{
				correct: 0,
				choices: [
					{ text: 'The client', explanation: 'It sends the request.' },
					{ text: 'The server', explanation: 'It only replies.' },
				],
			},
		]);
	});

	test('refuses a question with no right choice or with two, naming quiz, page and question', () => {
		const none = {
			...good,
			prompt: 'Nobody is right?',
			choices: good.choices.map((c) => ({ ...c, correct: false })),
		};
		assert.throws(() => quizKey('roles', [good, none], page), {
			message: `Quiz "roles" on ${page}: question 2 ("Nobody is right?") has 0 choices marked correct.`,
		});
		const two = { ...good, choices: good.choices.map((c) => ({ ...c, correct: true })) };
		assert.throws(
			() => quizKey('roles', [two], page),
			/question 1 \("Which side speaks first\?"\) has 2 choices/,
		);
	});

	test('refuses a choice without an explanation, an empty quiz and an id that is not kebab-case', () => {
		const blank = {
			...good,
			choices: [good.choices[0]!, { text: 'The server', explanation: ' ' }],
		};
		assert.throws(
			() => quizKey('roles', [blank], page),
			/choice 2 of question 1 .* has no explanation/,
		);
		assert.throws(() => quizKey('roles', [], page), /Quiz "roles" on .* has no questions/);
		assert.throws(() => quizKey('Roles Quiz', [good], page), /the id is not kebab-case/);
	});

	test('a course with a quiz that marks two answers right does not build', async () => {
		const result = await buildFixture(
			'tests/fixtures/content-bad-quiz',
			'tests/fixtures/content-good/labs',
		);
		assert.equal(result.timedOut, false);
		assert.notEqual(result.code, 0, result.output);
		assert.match(
			result.output,
			/Quiz "double-right" on \/lessons\/basics\/two-right\/: question 2 \("Which status means success\?"\) has 2 choices marked correct/,
		);
		assert.match(result.output, /Mark exactly one choice of each question with `correct: true`/);
	});
});
