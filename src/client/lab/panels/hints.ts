import type { LabHint } from '../../../shared/lab-bundle.ts';
import { h } from '../dom.ts';

// Hints are revealed one at a time, so a learner who is nearly there is not shown the whole
// answer at once. Their HTML was escaped and rendered at build time (src/lib/lab-bundle/hints.ts).

export function createHintsPanel(hints: readonly LabHint[]): HTMLElement {
	const list = h('ol', { class: 'lab-hints-list' });
	const button = h('button', { type: 'button', class: 'lab-button' });
	let shown = 0;
	const label = () => {
		button.textContent = `Show hint ${shown + 1} of ${hints.length}`;
		button.hidden = shown >= hints.length;
	};
	button.addEventListener('click', () => {
		const hint = hints[shown];
		if (!hint) return;
		const body = h('div', { class: 'lab-hint-body' });
		body.innerHTML = hint.html;
		const item = h('li', { tabindex: -1 }, h('strong', {}, hint.title), body);
		list.append(item);
		shown += 1;
		label();
		item.focus();
	});
	label();
	if (hints.length === 0) return h('p', {}, 'This lab has no hints yet.');
	return h('div', { class: 'lab-hints' }, list, button);
}
