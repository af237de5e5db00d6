import type { HarnessEvent } from '../../../shared/harness-events.ts';
import { ansiToFragment } from '../ansi.ts';
import { parseCurl, type CurlRequest } from '../curl-parse.ts';
import { h } from '../dom.ts';

// How one finished check reads in the checks panel. A failure is shown in full (message, figures,
// curl line, the program's output) when it is the first of its cause; a later failure with the same
// cause is one line that points at the first, with its own message one click away.

export type CheckEnd = Extract<HarnessEvent, { type: 'check-end' }>;

/** Puts a failed check's request into the request console; the workspace also asks the runtime to
 * run that check again (`event` names it) so the request meets the check's own backends. */
export type TryRequest = (request: CurlRequest, event: CheckEnd) => void;
type Status = CheckEnd['status'];

const marks: Record<Status, string> = { pass: '✓', fail: '✗', skip: '–' };
const words: Record<Status, string> = { pass: 'Passed', fail: 'Failed', skip: 'Skipped' };

function headline(event: CheckEnd): HTMLElement[] {
	return [
		h('span', { class: 'lab-check-mark', 'aria-hidden': 'true' }, marks[event.status]),
		h('span', { class: 'lab-check-title' }, event.title),
		h('span', { class: 'lab-check-word' }, ` ${words[event.status]}`),
		h('span', { class: 'lab-check-time' }, ` (${Math.round(event.durationMs)} ms)`),
	];
}

/** Fills `item` with a check's full result; `replay` is the command that reruns a failed check on
 * the learner's machine and leaves its program and fake servers running to send requests to. */
export function renderFull(
	item: HTMLLIElement,
	event: CheckEnd,
	figures: readonly string[],
	replay?: string,
	tryRequest?: TryRequest,
): void {
	item.replaceChildren(...headline(event));
	if (event.retried && event.status === 'pass') {
		item.append(
			h('p', { class: 'lab-check-message' }, 'Passed when run again after missing a time limit.'),
		);
	}
	if (event.message) item.append(h('p', { class: 'lab-check-message' }, event.message));
	if (figures.length > 0)
		item.append(
			h('ul', { class: 'lab-check-figures' }, ...figures.map((text) => h('li', {}, text))),
		);
	if (event.curl)
		item.append(h('pre', { class: 'lab-check-curl', tabindex: 0 }, h('code', {}, event.curl)));
	// The check's ports are closed by now; the local runtime runs the check again and leaves its
	// program and backends up for the console (the request console says what it sends to).
	const request = event.curl && event.status === 'fail' ? parseCurl(event.curl) : undefined;
	if (request && tryRequest) {
		const button = h(
			'button',
			{ type: 'button', class: 'lab-button is-small' },
			'Try this request',
		);
		button.addEventListener('click', () => tryRequest(request, event));
		item.append(
			h(
				'p',
				{ class: 'lab-check-try' },
				button,
				' in the request console, against your program and this check’s backends.',
			),
		);
	}
	if (replay && event.status === 'fail') {
		item.append(
			h(
				'p',
				{ class: 'lab-check-replay' },
				'To replay this check on your own machine, with your program and the same fake servers left running for you to send requests to: ',
				h('code', {}, replay),
			),
		);
	}
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
}

/** Fills `item` with a failure whose cause an earlier failure, `first`, already shows in full. */
export function renderSameCause(
	item: HTMLLIElement,
	event: CheckEnd,
	first: { title: string },
): void {
	item.classList.add('is-same-cause');
	item.replaceChildren(
		...headline(event),
		h(
			'details',
			{ class: 'lab-check-same' },
			h('summary', {}, `Same cause as “${first.title}”`),
			event.message && h('p', { class: 'lab-check-message' }, event.message),
		),
	);
}
