import { describeScale } from '../../../harness/scale-text.ts';
import type { HarnessEvent } from '../../../harness/types.ts';
import { ansiToFragment } from '../ansi.ts';
import { h } from '../dom.ts';

// The check results: a progress line that a screen reader announces ("check 2 of 5"), one entry
// per check filled in as it finishes, and a summary. Events arrive from either runtime in the
// order the harness emits them.

type Status = 'pass' | 'fail' | 'skip';

const marks: Record<Status, string> = { pass: '✓', fail: '✗', skip: '–' };
const words: Record<Status, string> = { pass: 'Passed', fail: 'Failed', skip: 'Skipped' };

export interface ChecksPanel {
	element: HTMLElement;
	/** Clears the results and says checks are starting. */
	begin(): void;
	handle(event: HarnessEvent): void;
	/** Ends the run without a `run-end`: the runtime went quiet or refused the run. */
	abort(message: string): void;
}

export function createChecksPanel(): ChecksPanel {
	const progress = h('progress', { class: 'lab-check-bar', max: 1, value: 0, 'aria-hidden': 'true' });
	const status = h('p', { class: 'lab-check-status', role: 'status' }, 'Checks have not run yet.');
	const list = h('ol', { class: 'lab-check-list' });
	const summary = h('p', { class: 'lab-check-summary', 'aria-live': 'polite' });
	/** Says when the machine ran slowly and the checks stretched their time limits to match. */
	const scaleNote = h('p', { class: 'lab-check-scale', hidden: true });
	const noteScale = (scale: Extract<HarnessEvent, { type: 'run-end' }>['timeScale']) => {
		const text = describeScale(scale);
		scaleNote.hidden = text === undefined;
		scaleNote.textContent = text ?? '';
		scaleNote.dataset['factor'] = String(scale.factor);
	};
	const items = new Map<string, HTMLLIElement>();
	/** Figures a check reported while running, shown under its result once it ends. */
	const figures = new Map<string, string[]>();
	let total = 0;

	const entry = (id: string, title: string) => {
		let item = items.get(id);
		if (!item) {
			item = h('li', { class: 'lab-check is-pending' }, h('span', { class: 'lab-check-title' }, title));
			items.set(id, item);
			list.append(item);
		}
		return item;
	};

	const finish = (event: Extract<HarnessEvent, { type: 'check-end' }>) => {
		const item = entry(event.id, event.title);
		item.className = `lab-check is-${event.status}`;
		item.replaceChildren(
			h('span', { class: 'lab-check-mark', 'aria-hidden': 'true' }, marks[event.status]),
			h('span', { class: 'lab-check-title' }, event.title),
			h('span', { class: 'lab-check-word' }, ` ${words[event.status]}`),
			h('span', { class: 'lab-check-time' }, ` (${Math.round(event.durationMs)} ms)`),
		);
		if (event.retried && event.status === 'pass') {
			item.append(h('p', { class: 'lab-check-message' }, 'Passed when run again after missing a time limit.'));
		}
		if (event.message) item.append(h('p', { class: 'lab-check-message' }, event.message));
		const measured = figures.get(event.id) ?? [];
		if (measured.length > 0) item.append(h('ul', { class: 'lab-check-figures' }, ...measured.map((text) => h('li', {}, text))));
		if (event.curl) item.append(h('pre', { class: 'lab-check-curl', tabindex: 0 }, h('code', {}, event.curl)));
		if (event.output && event.output.length > 0) {
			const lines = event.output.map((line) => h('div', {}, ansiToFragment(line)));
			item.append(
				h(
					'details',
					{ class: 'lab-check-output' },
					h('summary', {}, 'What your program printed'),
					h('pre', { tabindex: 0 }, ...lines),
				),
			);
		}
	};

	return {
		element: h('div', { class: 'lab-checks' }, status, scaleNote, progress, list, summary),
		begin() {
			items.clear();
			figures.clear();
			list.replaceChildren();
			summary.textContent = '';
			delete summary.dataset['harnessMs'];
			scaleNote.hidden = true;
			progress.value = 0;
			status.textContent = 'Starting the checks…';
		},
		handle(event) {
			switch (event.type) {
				case 'run-start':
					total = event.checks.length;
					progress.max = Math.max(total, 1);
					for (const check of event.checks) entry(check.id, check.title);
					status.textContent = `Running ${total} checks…`;
					noteScale(event.timeScale);
					break;
				case 'check-start': {
					const title = items.get(event.id)?.querySelector('.lab-check-title')?.textContent ?? event.id;
					status.textContent = `Check ${event.index + 1} of ${event.total}: ${title}`;
					items.get(event.id)?.classList.add('is-running');
					break;
				}
				case 'check-end':
					finish(event);
					progress.value = list.querySelectorAll('.is-pass, .is-fail, .is-skip').length;
					break;
				case 'figure': {
					const value =
						typeof event.value === 'number'
							? String(event.value)
							: Object.entries(event.value).map(([name, n]) => `${name}: ${n}`).join(', ');
					figures.set(event.checkId, [...(figures.get(event.checkId) ?? []), `${event.name}: ${value}`]);
					break;
				}
				case 'run-end': {
					const count = (name: Status) => list.querySelectorAll(`.is-${name}`).length;
					const seconds = (event.durationMs / 1000).toFixed(1);
					status.textContent = event.passed ? 'Every check passed.' : 'Some checks failed.';
					// The harness's own time for the run, for scripts/bench/workspace.ts to compare against.
					summary.dataset['harnessMs'] = String(event.durationMs);
					noteScale(event.timeScale);
					summary.textContent = `${count('pass')} passed, ${count('fail')} failed${count('skip') ? `, ${count('skip')} skipped` : ''} in ${seconds} s.`;
					break;
				}
				default:
					break;
			}
		},
		abort(message) {
			status.textContent = message;
			for (const item of list.querySelectorAll('.is-running')) item.classList.remove('is-running');
		},
	};
}
