import { lessonStatus, statusText } from './status.ts';
import { changeEvent, passedLabs, readProgress } from './store.ts';
import { progressKey } from './types.ts';

// Writes each lesson's progress into the outline (home page and sidebar). The server leaves an
// empty `[data-progress-status]` in every lesson's item, so the page reads the same without this
// script; with it, the item says what the learner has done there.

function render(): void {
	const progress = readProgress();
	for (const item of document.querySelectorAll<HTMLElement>('[data-progress]')) {
		const slot = item.querySelector<HTMLElement>('[data-progress-status]');
		if (!slot) continue;
		const labs = (item.dataset['labs'] ?? '').split(' ').filter(Boolean);
		const lesson = progress.lessons[item.dataset['progress'] ?? ''] ?? {};
		slot.textContent = statusText(lessonStatus(lesson, labs, passedLabs(labs)));
	}
}

render();
addEventListener(changeEvent, render);
addEventListener('storage', (event) => {
	if (event.key === null || event.key === progressKey || event.key.startsWith('lab:')) render();
});
// A page restored from the back-forward cache shows what was true when it was left.
addEventListener('pageshow', (event) => {
	if (event.persisted) render();
});
