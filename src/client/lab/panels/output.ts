import { ansiToFragment } from '../ansi.ts';
import { h } from '../dom.ts';

// What the learner's program prints while it runs, colours kept. Only the newest lines are kept,
// so a program that prints in a loop cannot grow the page without bound.

const maxLines = 500;

export interface OutputPanel {
	element: HTMLElement;
	line(text: string, stream: 'stdout' | 'stderr' | 'info'): void;
	clear(): void;
}

export function createOutputPanel(): OutputPanel {
	// A log that is not announced: a chatty program would otherwise talk over everything else.
	const log = h('pre', {
		class: 'lab-output-log',
		role: 'log',
		'aria-live': 'off',
		tabindex: 0,
		'aria-label': 'Program output',
	});
	const empty = h(
		'p',
		{ class: 'lab-output-empty' },
		'Press Run to start your program; what it prints appears here.',
	);
	return {
		element: h('div', { class: 'lab-output' }, empty, log),
		line(text, stream) {
			empty.hidden = true;
			const stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
			log.append(h('div', { class: `lab-line is-${stream}` }, ansiToFragment(text)));
			while (log.childElementCount > maxLines) log.firstElementChild?.remove();
			// Follow new lines only when the learner has not scrolled up to read older ones.
			if (stick) log.scrollTop = log.scrollHeight;
		},
		clear() {
			log.replaceChildren();
		},
	};
}
