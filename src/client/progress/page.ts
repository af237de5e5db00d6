import { lessonStatus } from './status.ts';
import { changeEvent, passedLabs, readProgress } from './store.ts';
import './transfer-controls.ts';

// Fills in the progress page's table and summary from the learner's stored progress, and again
// whenever it changes (an import, a reset, another tab).

function cell(row: HTMLElement, name: string, text: string): void {
	const target = row.querySelector(`[data-cell="${name}"]`);
	if (target) target.textContent = text;
}

function render(): void {
	const progress = readProgress();
	let read = 0;
	let quizzes = 0;
	// A lab embedded in two lessons is one lab: the course's count is of distinct ids.
	const courseLabs = new Set<string>();
	const rows = document.querySelectorAll<HTMLElement>('[data-progress-row]');
	for (const row of rows) {
		const labs = (row.dataset['labs'] ?? '').split(' ').filter(Boolean);
		const lesson = progress.lessons[row.dataset['progressRow'] ?? ''] ?? {};
		const status = lessonStatus(lesson, labs, passedLabs(labs));
		cell(row, 'read', status.read ? 'Yes' : 'Not yet');
		cell(row, 'quiz', status.quiz ? `${status.quiz.best} of ${status.quiz.total}` : 'Not answered');
		if (status.labs) cell(row, 'labs', `${status.labs.passed} of ${status.labs.total}`);
		if (status.read) read++;
		if (status.quiz) quizzes++;
		for (const id of labs) courseLabs.add(id);
	}
	const labsTotal = courseLabs.size;
	const labsPassed = Object.keys(passedLabs(courseLabs)).length;
	const summary = document.querySelector('[data-progress-summary]');
	if (summary) {
		const quizText = quizzes === 1 ? '1 lesson' : `${quizzes} lessons`;
		summary.textContent =
			`You have read ${read} of ${rows.length} lessons, answered the quiz in ${quizText}` +
			(labsTotal > 0 ? ` and passed ${labsPassed} of ${labsTotal} labs.` : '.');
	}
}

render();
addEventListener(changeEvent, render);
addEventListener('storage', render);
