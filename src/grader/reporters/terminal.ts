import { describeScale, type CheckEnd, type HarnessEvent } from '../../harness/index.ts';

export interface TerminalOptions {
	write: (text: string) => void;
	/** Shows a progress line while a check runs; only on an interactive terminal. */
	tty: boolean;
}

/** Renders the event stream for a person: one line per check, details under a failure, and the
 * summary line `N passed, N failed`. Returns the event handler. */
export function terminalReporter(options: TerminalOptions): (event: HarnessEvent) => void {
	const { write, tty } = options;
	let progress = false;
	let passed = 0;
	let failed = 0;
	let started = 1;
	const figures = new Map<string, string[]>();
	const titles = new Map<string, string>();
	const clearProgress = () => {
		if (progress) write('\r\x1b[2K');
		progress = false;
	};
	return (event) => {
		if (event.type === 'run-start') {
			for (const check of event.checks) titles.set(check.id, check.title);
			started = event.timeScale.factor;
			const note = describeScale(event.timeScale);
			if (note) write(`${note}\n`);
		} else if (event.type === 'check-start' && tty) {
			clearProgress();
			write(`check ${event.index + 1}/${event.total}: ${titles.get(event.id) ?? event.id}…`);
			progress = true;
		} else if (event.type === 'figure') {
			const value =
				typeof event.value === 'number'
					? String(event.value)
					: Object.entries(event.value)
							.map(([key, count]) => `${key}=${count}`)
							.join(', ');
			figures.set(event.checkId, [
				...(figures.get(event.checkId) ?? []),
				`${event.name}: ${value}`,
			]);
		} else if (event.type === 'check-end') {
			clearProgress();
			if (event.status === 'pass') passed++;
			if (event.status === 'fail') failed++;
			write(renderCheck(event, figures.get(event.id) ?? []));
		} else if (event.type === 'run-end') {
			clearProgress();
			// The machine turned slower during the run, and later checks were stretched further.
			const note = event.timeScale.factor > started ? describeScale(event.timeScale) : undefined;
			if (note) write(`${note}\n`);
			write(`${passed} passed, ${failed} failed\n`);
			if (!event.passed) write(`seed: ${event.seed} (replay with --seed ${event.seed})\n`);
		}
	};
}

function renderCheck(end: CheckEnd, figures: string[]): string {
	if (end.status === 'pass') {
		return `✓ ${end.title}${end.retried ? ' (passed when run again after missing a time limit)' : ''}\n`;
	}
	if (end.status === 'skip') return `- ${end.title} (skipped)\n`;
	const lines = [`✗ ${end.title}`, `  ${end.message ?? 'failed'}`];
	if (end.curl) lines.push(`  ${end.curl}`);
	for (const figure of figures) lines.push(`  ${figure}`);
	for (const line of shownOutput(end.output ?? [])) lines.push(`  [your_program] ${line}`);
	return `${lines.join('\n')}\n`;
}

/** How many of the program's last lines a failure shows. */
const SHOWN_LINES = 10;

/** The program's last lines without Node's own stack frames, which say nothing about the
 * learner's code, and without blank lines at the end. */
function shownOutput(output: readonly string[]): string[] {
	const lines = output.filter((line) => !/^\s+at (.*\()?node:/.test(line));
	while (lines.length > 0 && lines.at(-1)?.trim() === '') lines.pop();
	return lines.slice(-SHOWN_LINES);
}
