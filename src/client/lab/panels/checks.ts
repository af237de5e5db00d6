import { describeScale } from '../../../shared/scale-text.ts';
import type { HarnessEvent } from '../../../shared/harness-events.ts';
import type { CurlRequest } from '../curl-parse.ts';
import { h } from '../dom.ts';
import { renderFull, renderSameCause, type CheckEnd, type TryRequest } from './check-entry.ts';
import { createCauseBook } from './failure-cause.ts';

// The check results: a progress line that a screen reader announces ("check 2 of 5"), one entry
// per check filled in as it finishes, and a summary. Events arrive from either runtime in the
// order the harness emits them. Failures with the same cause are grouped: the first in full, the
// rest one line each (check-entry.ts, failure-cause.ts), so a starter's dozen failures lead to one.

type Status = CheckEnd['status'];

export interface ChecksPanel {
	element: HTMLElement;
	/** Clears the results and says checks are starting. */
	begin(): void;
	handle(event: HarnessEvent): void;
	/** Ends the run without a `run-end`: the runtime went quiet or refused the run. */
	abort(message: string): void;
}

/** `tryRequest` puts a failed check's request into the request console and replays the check,
 * with the seed of the run it failed in. */
export function createChecksPanel(
	tryRequest?: (request: CurlRequest, check: CheckEnd, run: { seed: number } | undefined) => void,
): ChecksPanel {
	const progress = h('progress', {
		class: 'lab-check-bar',
		max: 1,
		value: 0,
		'aria-hidden': 'true',
	});
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
			item = h(
				'li',
				{ class: 'lab-check is-pending' },
				h('span', { class: 'lab-check-title' }, title),
			);
			items.set(id, item);
			list.append(item);
		}
		return item;
	};

	const causes = createCauseBook();
	/** The lab and seed of the run under way, which replay a failed check with the same data. */
	let run: { lab: string; seed: number } | undefined;
	const finish = (event: CheckEnd) => {
		const item = entry(event.id, event.title);
		item.className = `lab-check is-${event.status}`;
		const first =
			event.status === 'fail' && event.message
				? causes.firstWith(event.id, event.title, event.message)
				: undefined;
		if (first) renderSameCause(item, event, first);
		else {
			const replay =
				run &&
				`npm run lab -- replay ${run.lab} <your-folder> --check ${event.id} --seed ${run.seed}`;
			const seeded = run && { seed: run.seed };
			const onTry: TryRequest | undefined =
				tryRequest && ((request, check) => tryRequest(request, check, seeded));
			renderFull(item, event, figures.get(event.id) ?? [], replay, onTry);
		}
	};
	/** Says how many causes the failures have, when fewer than the failures, so the learner knows
	 * that fixing the first one may fix the others. */
	const causeText = (failed: number) =>
		failed > causes.causes
			? ` The ${failed} failures have ${causes.causes === 1 ? 'one cause' : `${causes.causes} causes`}: start with the first.`
			: '';

	return {
		element: h('div', { class: 'lab-checks' }, status, scaleNote, progress, list, summary),
		begin() {
			items.clear();
			figures.clear();
			causes.clear();
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
					run = { lab: event.lab, seed: event.seed };
					total = event.checks.length;
					progress.max = Math.max(total, 1);
					for (const check of event.checks) entry(check.id, check.title);
					status.textContent = `Running ${total} checks…`;
					noteScale(event.timeScale);
					break;
				case 'check-start': {
					const title =
						items.get(event.id)?.querySelector('.lab-check-title')?.textContent ?? event.id;
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
							: Object.entries(event.value)
									.map(([name, n]) => `${name}: ${n}`)
									.join(', ');
					figures.set(event.checkId, [
						...(figures.get(event.checkId) ?? []),
						`${event.name}: ${value}`,
					]);
					break;
				}
				case 'run-end': {
					const count = (name: Status) => list.querySelectorAll(`.is-${name}`).length;
					const seconds = (event.durationMs / 1000).toFixed(1);
					status.textContent = event.passed ? 'Every check passed.' : 'Some checks failed.';
					// The harness's own time for the run, for scripts/bench/workspace.ts to compare against.
					summary.dataset['harnessMs'] = String(event.durationMs);
					noteScale(event.timeScale);
					summary.textContent = `${count('pass')} passed, ${count('fail')} failed${count('skip') ? `, ${count('skip')} skipped` : ''} in ${seconds} s.${causeText(count('fail'))}`;
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
