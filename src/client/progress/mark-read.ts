import { changeEvent, lessonProgress, updateLesson } from './store.ts';

// Marks a lesson as read when the learner has reached its end (the block just above the pager
// came into view) by the time they leave the page, or at once when they press "Mark as read".
// Reaching the end is only written on leaving, so the button never changes state under a learner
// who is scrolling to it to press it; a press during the visit is their choice and stands.

const root = document.querySelector<HTMLElement>('[data-lesson-done]');
const button = root?.querySelector<HTMLButtonElement>('[data-mark-read]');
const status = root?.querySelector<HTMLElement>('[data-mark-read-status]');

if (root && button && status) {
	const url = root.dataset['lessonDone'] ?? location.pathname;
	const isRead = () => lessonProgress(url).read !== undefined;
	const show = () => button.setAttribute('aria-pressed', String(isRead()));
	const setRead = (read: boolean) => {
		updateLesson(url, (lesson) => {
			if (!read) delete lesson.read;
			else lesson.read ??= new Date().toISOString();
		});
	};
	let reachedEnd = false;
	let chosen = false;
	const inView = () => {
		const box = root.getBoundingClientRect();
		return box.top < innerHeight && box.bottom > 0;
	};
	const settle = () => {
		if (!chosen && !isRead() && (reachedEnd || inView())) setRead(true);
	};
	new IntersectionObserver((entries) => {
		if (entries.some((entry) => entry.isIntersecting)) reachedEnd = true;
	}).observe(root);
	button.addEventListener('click', () => {
		chosen = true;
		const read = !isRead();
		setRead(read);
		status.textContent = read
			? 'This lesson is marked as read.'
			: 'This lesson is marked as not read.';
	});
	addEventListener('pagehide', settle);
	document.addEventListener('visibilitychange', () => {
		if (document.visibilityState === 'hidden') settle();
	});
	show();
	addEventListener(changeEvent, show);
	// A page restored from the back-forward cache may have been marked from another page since.
	addEventListener('pageshow', show);
}

export {};
