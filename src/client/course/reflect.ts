import { lessonProgress, updateLesson } from '../progress/store.ts';

// Keeps each <Reflect> answer in the learner's progress: restored when the page loads and saved
// shortly after typing stops, and at once when the page is hidden, so a reload loses nothing.

const saveDelayMs = 400;

for (const root of document.querySelectorAll<HTMLElement>('[data-reflect]')) {
	const id = root.dataset['reflect'] ?? '';
	const lesson = root.dataset['lesson'] ?? location.pathname;
	const field = root.querySelector('textarea');
	const note = root.querySelector<HTMLElement>('[data-reflect-note]');
	if (!field) continue;
	field.value = lessonProgress(lesson).reflections?.[id] ?? '';
	let timer: ReturnType<typeof setTimeout> | undefined;
	let pending = false;
	const save = () => {
		clearTimeout(timer);
		if (!pending) return;
		pending = false;
		updateLesson(lesson, (record) => {
			const reflections = { ...record.reflections };
			if (field.value.trim()) reflections[id] = field.value;
			else delete reflections[id];
			record.reflections = reflections;
		});
		if (note) note.textContent = 'Saved in this browser. It is not sent anywhere.';
	};
	field.addEventListener('input', () => {
		pending = true;
		clearTimeout(timer);
		timer = setTimeout(save, saveDelayMs);
	});
	field.addEventListener('blur', save);
	addEventListener('pagehide', save);
}

export {};
