import type { QuizKey } from '../../shared/quiz-key.ts';
import { lessonProgress, updateLesson } from '../progress/store.ts';

// Grades each <Quiz> on the page: marks every answered question right or wrong, explains the chosen
// answer (and the right one after a wrong answer), reports the score and keeps the best score in
// the learner's progress. A blank question, or a blank quiz, asks for an answer instead.

function paragraph(label: string, text: string): HTMLParagraphElement {
	const p = document.createElement('p');
	const strong = document.createElement('strong');
	strong.textContent = label;
	// Backticks mark code in quiz text; here they simply drop away, since the words stay clear.
	p.append(strong, ` ${text.replaceAll('`', '')}`);
	return p;
}

function showBest(root: HTMLElement, id: string, lesson: string): void {
	const best = root.querySelector<HTMLElement>('[data-quiz-best]');
	const score = lessonProgress(lesson).quizzes?.[id];
	if (!best || !score) return;
	best.hidden = false;
	best.textContent = `Your best so far: ${score.best} of ${score.total}.`;
}

function grade(root: HTMLElement, key: QuizKey[]): number {
	let right = 0;
	root.querySelectorAll<HTMLFieldSetElement>('[data-question]').forEach((fieldset, q) => {
		const answer = key[q];
		const feedback = fieldset.querySelector<HTMLElement>('[data-quiz-feedback]');
		if (!answer || !feedback) return;
		const checked = fieldset.querySelector<HTMLInputElement>('input:checked');
		const chosen = checked ? Number(checked.value) : -1;
		const correct = answer.choices[answer.correct];
		const isRight = chosen === answer.correct;
		if (isRight) right++;
		fieldset.dataset['result'] = isRight ? 'right' : 'wrong';
		const choice = answer.choices[chosen];
		// A question left blank asks for an answer: revealing the right one would spend the question.
		if (!choice) {
			delete fieldset.dataset['result'];
			feedback.replaceChildren(
				paragraph('No answer chosen.', 'Pick one and check again to see whether it is right.'),
			);
			feedback.hidden = false;
			return;
		}
		feedback.replaceChildren(paragraph(isRight ? 'Right.' : 'Not quite.', choice.explanation));
		if (!isRight && correct) {
			feedback.append(
				paragraph(`The answer is “${correct.text.replaceAll('`', '')}”.`, correct.explanation),
			);
		}
		feedback.hidden = false;
	});
	return right;
}

function clear(root: HTMLElement): void {
	for (const fieldset of root.querySelectorAll<HTMLElement>('[data-question]')) {
		delete fieldset.dataset['result'];
		const feedback = fieldset.querySelector<HTMLElement>('[data-quiz-feedback]');
		if (feedback) {
			feedback.hidden = true;
			feedback.replaceChildren();
		}
	}
	const score = root.querySelector('[data-quiz-score]');
	if (score) score.textContent = '';
}

for (const root of document.querySelectorAll<HTMLElement>('[data-quiz]')) {
	const id = root.dataset['quiz'] ?? '';
	const lesson = root.dataset['lesson'] ?? location.pathname;
	const form = root.querySelector<HTMLFormElement>('[data-quiz-form]');
	const retry = root.querySelector<HTMLButtonElement>('[data-quiz-retry]');
	const score = root.querySelector<HTMLElement>('[data-quiz-score]');
	const key = JSON.parse(root.querySelector('[data-quiz-key]')?.textContent ?? '[]') as QuizKey[];
	if (!form || !retry || !score) continue;
	showBest(root, id, lesson);
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		// A quiz sent with no answer at all is not graded: it asks for answers and records nothing.
		if (!form.querySelector('input:checked')) {
			clear(root);
			score.textContent = 'Choose an answer to each question, then check your answers.';
			form.querySelector<HTMLInputElement>('input')?.focus();
			return;
		}
		const right = grade(root, key);
		score.textContent = `${right} of ${key.length} correct.`;
		retry.hidden = false;
		updateLesson(lesson, (record) => {
			const previous = record.quizzes?.[id];
			if (previous && previous.best >= right && previous.total === key.length) return;
			record.quizzes = { ...record.quizzes, [id]: { best: right, total: key.length } };
		});
		showBest(root, id, lesson);
	});
	retry.addEventListener('click', () => {
		form.reset();
		clear(root);
		retry.hidden = true;
		form.querySelector<HTMLInputElement>('input')?.focus();
	});
	// A changed answer no longer matches the feedback shown for it.
	form.addEventListener('change', (event) => {
		const fieldset = (event.target as HTMLElement).closest<HTMLElement>('[data-question]');
		const feedback = fieldset?.querySelector<HTMLElement>('[data-quiz-feedback]');
		if (fieldset && feedback) {
			delete fieldset.dataset['result'];
			feedback.hidden = true;
			feedback.replaceChildren();
		}
	});
}

export {};
