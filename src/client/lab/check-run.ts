import type { HarnessEvent } from '../../shared/harness-events.ts';
import type { LabFiles } from '../../shared/protocol.ts';
import type { Connection } from './connection.ts';
import { h, uid } from './dom.ts';
import type { ChecksPanel } from './panels/checks.ts';

// One press of Run checks, from the button to the summary. The harness enforces every check's own
// time limit; the watchdog here covers a runtime that goes silent altogether (a WebContainer whose
// program loops forever stalls everything), by restarting the runtime so the next run works. A run
// whose runtime was replaced under it (the in-browser runtime's recovery) ends at once, saying why,
// and the next press goes to the fresh runtime.

/** Silence after which the runtime counts as stalled, on a machine of the usual speed. The longest
 * check allows 15 s and a timing failure runs it twice, each without an event; on a slower machine
 * both are stretched by the run's time scale, and so is this. */
const silenceLimitMs = 30_000;

export interface CheckRun {
	button: HTMLButtonElement;
	/** The shortcut as the learner types it, `Ctrl+Enter` or `⌘+Enter`. */
	shortcut: string;
	/** Says the shortcut to a screen reader as the button's description. */
	hint: HTMLElement;
	start(this: void): void;
	handle(event: HarnessEvent): void;
	/** An `error` event while checks run means the runtime refused or abandoned them. */
	refused(message: string): void;
}

export function createCheckRun(
	panel: ChecksPanel,
	connection: Connection,
	what: () => { lab: string; files: LabFiles },
	onEnd: (passed: boolean) => void,
): CheckRun {
	const isMac = /Mac|iPhone|iPad/.test(navigator.platform);
	const shortcut = isMac ? '⌘+Enter' : 'Ctrl+Enter';
	// aria-keyshortcuts is read by few screen readers, so the shortcut is also the description.
	const hint = h(
		'span',
		{ id: uid('lab-checks-shortcut'), class: 'visually-hidden' },
		`Shortcut: ${shortcut}, from anywhere in the lab.`,
	);
	const button = h(
		'button',
		{
			type: 'button',
			class: 'lab-button is-primary',
			'aria-keyshortcuts': isMac ? 'Meta+Enter' : 'Control+Enter',
			'aria-describedby': hint.id,
		},
		'Run checks',
		h('kbd', { 'aria-hidden': 'true' }, isMac ? ' ⌘↵' : ' Ctrl+↵'),
	);
	let running = false;
	/** Whether the harness has started this run; before that, an error means it was refused. */
	let begun = false;
	/** Counts presses, so that the outcome of an old press's send cannot end a newer run. */
	let press = 0;
	/** The run's time scale, from its `run-start`. */
	let factor = 1;
	let watchdog: ReturnType<typeof setTimeout> | undefined;

	// aria-disabled rather than disabled keeps the button focused for keyboard users.
	const end = () => {
		running = false;
		button.removeAttribute('aria-disabled');
		clearTimeout(watchdog);
	};
	const limitMs = () => Math.round(silenceLimitMs * Math.max(1, factor));
	const stalled = () => {
		panel.abort(
			`No progress for ${Math.round(limitMs() / 1000)} s: does your program loop forever? The runtime was restarted; run the checks again.`,
		);
		end();
		void connection.recover();
	};
	const kick = () => {
		clearTimeout(watchdog);
		watchdog = setTimeout(stalled, limitMs());
	};
	connection.onRestart((message) => {
		if (!running) return;
		panel.abort(`${message} These checks did not finish: run the checks again.`);
		end();
	});

	const start = () => {
		if (running) return;
		running = true;
		begun = false;
		factor = 1;
		const mine = ++press;
		button.setAttribute('aria-disabled', 'true');
		panel.begin();
		kick();
		const { lab, files } = what();
		const current = () => running && mine === press;
		connection.send({ type: 'check', lab, files }).then(
			(sent) => {
				if (!sent && current()) {
					panel.abort('No runtime can run the checks on this page.');
					end();
				}
			},
			(error: unknown) => {
				if (!current()) return;
				panel.abort(`The runtime did not take the checks: ${String(error)}`);
				end();
			},
		);
	};
	button.addEventListener('click', start);

	return {
		button,
		shortcut,
		hint,
		start,
		handle(event) {
			if (!running && event.type !== 'run-start') return;
			running = true;
			begun = true;
			if (event.type === 'run-start') factor = event.timeScale.factor;
			kick();
			panel.handle(event);
			if (event.type === 'run-end') {
				end();
				onEnd(event.passed);
			}
		},
		refused(message) {
			if (!running || begun) return;
			panel.abort(message);
			end();
		},
	};
}
