import type { HarnessEvent } from '../../shared/harness-events.ts';
import type { LabFiles } from '../../shared/protocol.ts';
import type { Connection } from './connection.ts';
import { h, uid } from './dom.ts';
import type { ChecksPanel } from './panels/checks.ts';

// One press of Run checks, from the button to the summary. The harness enforces every check's own
// time limit; the watchdog here covers a runtime that goes silent altogether (a WebContainer whose
// program loops forever stalls everything), by restarting the runtime so the next run works.

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
	let watchdog: ReturnType<typeof setTimeout> | undefined;

	// aria-disabled rather than disabled keeps the button focused for keyboard users.
	const end = () => {
		running = false;
		button.removeAttribute('aria-disabled');
		clearTimeout(watchdog);
	};
	const stalled = () => {
		panel.abort(
			`No progress for ${silenceLimitMs / 1000} s: does your program loop forever? The runtime was restarted; run the checks again.`,
		);
		end();
		void connection.recover();
	};
	const kick = () => {
		clearTimeout(watchdog);
		watchdog = setTimeout(stalled, silenceLimitMs);
	};

	const start = () => {
		if (running) return;
		running = true;
		begun = false;
		button.setAttribute('aria-disabled', 'true');
		panel.begin();
		kick();
		const { lab, files } = what();
		connection.send({ type: 'check', lab, files }).then(
			(sent) => {
				if (!sent) {
					panel.abort('No runtime can run the checks on this page.');
					end();
				}
			},
			(error: unknown) => {
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
