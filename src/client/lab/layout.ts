import { h, uid } from './dom.ts';

// The wide workspace. In the lesson's column a lab is about 630 px wide and its panels stack into a
// very tall page; on a wide screen the learner can open it wide instead: the lab takes the page's
// whole layout (over the outline and the table of contents), the editor and the panels sit side
// by side with a separator between them that a pointer drags and arrow keys move, and one panel
// shows at a time. Narrow screens never offer it, and leaving it puts the lab back where it was,
// scrolled to where the learner was looking.

/** Wide enough for the text column, the outline and a lab beside each other (lesson.css). */
const wideQuery = '(min-width: 75rem)';
const splitKey = 'lab:layout:split';

export interface LabLayout {
	/** The editor's side and the panels' side, with the separator between them. */
	element: HTMLElement;
	/** The button that opens and closes the wide workspace, for the lab's header. */
	toggle: HTMLButtonElement;
	/** Shows one panel on the panels' side when the workspace is wide. */
	show(title: string): void;
}

function storedSplit(): number {
	try {
		const value = Number(localStorage.getItem(splitKey));
		return value >= 30 && value <= 75 ? value : 62;
	} catch {
		return 62;
	}
}

export function createLayout(
	root: HTMLElement,
	main: HTMLElement[],
	panels: HTMLElement[],
): LabLayout {
	const picker = h('div', {
		class: 'lab-panel-picker',
		role: 'group',
		'aria-label': 'Panel to show',
	});
	const buttons = panels.map((panel) => {
		const title = panel.querySelector('h3')?.textContent ?? '';
		const button = h(
			'button',
			{
				type: 'button',
				class: 'lab-button is-small',
				'aria-pressed': 'false',
				'aria-controls': panel.id,
			},
			title,
		);
		button.addEventListener('click', () => show(title));
		return button;
	});
	picker.append(...buttons);
	const side = h('div', { class: 'lab-side' }, picker, ...panels);
	let split = storedSplit();
	const separator = h('div', {
		class: 'lab-separator',
		role: 'separator',
		tabindex: 0,
		'aria-orientation': 'vertical',
		'aria-label': 'Width of the editor beside the panels',
		'aria-valuemin': 30,
		'aria-valuemax': 75,
	});
	const element = h(
		'div',
		{ class: 'lab-panes' },
		h('div', { class: 'lab-main' }, ...main),
		separator,
		side,
	);
	const setSplit = (percent: number) => {
		split = Math.round(Math.min(75, Math.max(30, percent)));
		element.style.setProperty('--lab-split', `${split}%`);
		separator.setAttribute('aria-valuenow', String(split));
		separator.setAttribute('aria-valuetext', `Editor ${split}% of the width`);
		try {
			localStorage.setItem(splitKey, String(split));
		} catch {
			// The split is a comfort: without storage it simply starts at the default next time.
		}
	};
	setSplit(split);
	separator.addEventListener('keydown', (event) => {
		const step = { ArrowLeft: -5, ArrowRight: 5, Home: -100, End: 100 }[event.key];
		if (step === undefined) return;
		event.preventDefault();
		setSplit(split + step);
	});
	separator.addEventListener('pointerdown', (event) => {
		separator.setPointerCapture(event.pointerId);
		const move = (moved: PointerEvent) => {
			const box = element.getBoundingClientRect();
			setSplit(((moved.clientX - box.left) / box.width) * 100);
		};
		separator.addEventListener('pointermove', move);
		separator.addEventListener(
			'pointerup',
			() => separator.removeEventListener('pointermove', move),
			{ once: true },
		);
	});

	function show(title: string): void {
		panels.forEach((panel, index) => {
			const chosen = buttons[index]?.textContent === title;
			panel.classList.toggle('is-shown', chosen);
			buttons[index]?.setAttribute('aria-pressed', String(chosen));
		});
	}
	show(buttons[0]?.textContent ?? '');

	const toggle = h(
		'button',
		{
			type: 'button',
			class: 'lab-button lab-wide-toggle',
			'aria-pressed': 'false',
			id: uid('lab-wide'),
		},
		'Wide workspace',
	);
	const media = matchMedia(wideQuery);
	/** The whole width of the page's layout, outline included: the lab is laid over the outline
	 * and the table of contents while it is wide, measured from where it sits in the text. */
	const fit = () => {
		const area = (root.closest('.layout') ?? root.closest('main'))?.getBoundingClientRect();
		const natural = (root.parentElement ?? root).getBoundingClientRect().left;
		if (!area) return;
		const left = area.left + 16;
		root.style.setProperty('--lab-wide-shift', `${Math.floor(natural - left)}px`);
		root.style.setProperty('--lab-wide-width', `${Math.floor(area.right - 16 - left)}px`);
	};
	const setWide = (wide: boolean) => {
		root.classList.toggle('is-wide', wide);
		toggle.setAttribute('aria-pressed', String(wide));
		if (wide) fit();
		// At once rather than smoothly: the learner's eyes stay on the lab while its size changes.
		root.scrollIntoView({ block: 'start', behavior: 'instant' });
	};
	toggle.addEventListener('click', () => setWide(!root.classList.contains('is-wide')));
	media.addEventListener('change', () => {
		if (!media.matches && root.classList.contains('is-wide')) setWide(false);
	});
	addEventListener('resize', () => root.classList.contains('is-wide') && fit());
	return { element, toggle, show };
}
