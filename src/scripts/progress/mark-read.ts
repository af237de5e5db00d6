import { changeEvent, lessonProgress, updateLesson } from './store.ts';

// Marks a lesson as read when the learner reaches its end (the block just above the pager comes
// into view), or when they press "Mark as read". Pressing it again marks the lesson unread, and
// the page then leaves that choice alone for the rest of the visit.

const root = document.querySelector<HTMLElement>('[data-lesson-done]');
const button = root?.querySelector<HTMLButtonElement>('[data-mark-read]');
const status = root?.querySelector<HTMLElement>('[data-mark-read-status]');

if (root && button && status) {
	const url = root.dataset['lessonDone'] ?? location.pathname;
	const isRead = () => lessonProgress(url).read !== undefined;
	const show = () => button.setAttribute('aria-pressed', String(isRead()));
	const setRead = (read: boolean, message: string) => {
		updateLesson(url, (lesson) => {
			if (!read) delete lesson.read;
			else lesson.read ??= new Date().toISOString();
		});
		status.textContent = message;
	};
	const observer = new IntersectionObserver((entries) => {
		if (!entries.some((entry) => entry.isIntersecting)) return;
		observer.disconnect();
		if (!isRead()) setRead(true, 'You reached the end, so this lesson is now marked as read.');
	});
	button.addEventListener('click', () => {
		observer.disconnect();
		if (isRead()) setRead(false, 'This lesson is marked as not read.');
		else setRead(true, 'This lesson is marked as read.');
	});
	show();
	addEventListener(changeEvent, show);
	observer.observe(root);
}

export {};
