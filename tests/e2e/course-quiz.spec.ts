import { expect, test, type Page } from '@playwright/test';
import { expectAccessibleInBothThemes } from './support/axe.ts';
import { firstQuiz, shown, type QuizInSource } from './support/lesson-blocks.ts';

// The first quiz in the course, read from its lesson file: the test answers it the way a learner
// would and expects the grading the writer intended.
const quiz: QuizInSource = firstQuiz();
const right = (q: number) => quiz.questions[q]!.choices.find((choice) => choice.correct)!;
const wrong = (q: number) => quiz.questions[q]!.choices.find((choice) => !choice.correct)!;
const total = quiz.questions.length;

function quizRegion(page: Page) {
	return page.locator(`[data-quiz="${quiz.id}"]`);
}

function question(page: Page, q: number) {
	return quizRegion(page).getByRole('group', { name: shown(quiz.questions[q]!.prompt) });
}

async function answer(page: Page, q: number, text: string): Promise<void> {
	await question(page, q)
		.getByRole('radio', { name: shown(text), exact: true })
		.check();
}

test.describe('a lesson quiz', () => {
	test('grades a right and a wrong answer, explains both, and counts the score', async ({
		page,
	}) => {
		await page.goto(quiz.lesson.url);
		await answer(page, 0, right(0).text);
		await answer(page, 1, wrong(1).text);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();

		await expect(quizRegion(page).getByRole('status')).toHaveText(`1 of ${total} correct.`);
		const first = question(page, 0);
		await expect(first).toContainText('Right.');
		await expect(first).toContainText(shown(right(0).explanation));
		const second = question(page, 1);
		await expect(second).toContainText('Not quite.');
		await expect(second).toContainText(shown(wrong(1).explanation));
		await expect(second).toContainText(`The answer is “${shown(right(1).text)}”.`);
		await expect(second).toContainText(shown(right(1).explanation));
		await expectAccessibleInBothThemes(page, 'a graded quiz', '[data-quiz-form]');
	});

	test('a quiz sent blank asks for answers and reveals no right answer', async ({ page }) => {
		await page.goto(quiz.lesson.url);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();
		await expect(quizRegion(page).getByRole('status')).toHaveText(
			'Choose an answer to each question, then check your answers.',
		);
		await expect(question(page, 0).getByRole('radio').first()).toBeFocused();
		await expect(quizRegion(page).locator('[data-quiz-form]')).not.toContainText('The answer is');

		// With one question answered, the blank ones ask again and still keep their answers hidden.
		await answer(page, 0, right(0).text);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();
		await expect(question(page, 0)).toContainText('Right.');
		await expect(question(page, 1)).toContainText('No answer chosen.');
		await expect(question(page, 1)).not.toContainText('The answer is');
		await expect(question(page, 1)).not.toContainText(shown(right(1).explanation));
	});

	test('Try again clears the answers, the feedback and the score', async ({ page }) => {
		await page.goto(quiz.lesson.url);
		await answer(page, 0, wrong(0).text);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();
		await expect(question(page, 0)).toContainText('Not quite.');

		await quizRegion(page).getByRole('button', { name: 'Try again' }).click();
		await expect(question(page, 0).getByRole('radio', { checked: true })).toHaveCount(0);
		await expect(question(page, 0)).not.toContainText('Not quite.');
		// An empty score line is hidden, so it is found among hidden elements too.
		await expect(quizRegion(page).getByRole('status', { includeHidden: true })).toHaveText('');
		await expect(quizRegion(page).getByRole('button', { name: 'Try again' })).toBeHidden();
	});

	test('saves the best score to the learner’s progress, where a worse try does not lower it', async ({
		page,
	}) => {
		await page.goto(quiz.lesson.url);
		for (let q = 0; q < total; q++) await answer(page, q, right(q).text);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();
		await expect(quizRegion(page).getByRole('status')).toHaveText(`${total} of ${total} correct.`);

		await quizRegion(page).getByRole('button', { name: 'Try again' }).click();
		await answer(page, 0, wrong(0).text);
		await quizRegion(page).getByRole('button', { name: 'Check answers' }).click();
		await expect(quizRegion(page).getByRole('status')).toHaveText(`0 of ${total} correct.`);
		await expect(quizRegion(page)).toContainText(`Your best so far: ${total} of ${total}.`);

		await page.goto('/progress/');
		const row = page.getByRole('row', { name: quiz.lesson.title });
		await expect(row.getByRole('cell').nth(1)).toHaveText(`${total} of ${total}`);
		await page.goto('/');
		// The lesson's own item is the innermost list item holding its link.
		const link = page.getByRole('link', { name: quiz.lesson.title, exact: true });
		const item = page.getByRole('main').getByRole('listitem').filter({ has: link }).last();
		await expect(item).toContainText(new RegExp(`quiz ${total} of ${total}`, 'i'));
	});
});

test.describe('a lesson quiz without JavaScript', () => {
	test.use({ javaScriptEnabled: false });

	test('still shows the questions, with the answers and explanations in a closed disclosure', async ({
		page,
	}) => {
		await page.goto(quiz.lesson.url);
		await expect(question(page, 0)).toBeVisible();
		await expect(quizRegion(page).getByRole('button', { name: 'Check answers' })).toBeHidden();
		const answers = quizRegion(page).getByText('Answers and explanations');
		await expect(quizRegion(page).getByText(shown(right(0).explanation))).toBeHidden();
		await answers.click();
		await expect(quizRegion(page).getByText(shown(right(0).explanation))).toBeVisible();
	});
});
