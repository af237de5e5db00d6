import './workspace.css';
import type { LabBundle } from '../../lib/labs/types.ts';
import type { RuntimeEvent } from '../../runtime/protocol.ts';
import { connect } from './connection.ts';
import { append, h, uid } from './dom.ts';
import { loadMonaco } from './monaco/load.ts';
import { createChecksPanel } from './panels/checks.ts';
import { confirmAction, offerUndo } from './panels/confirm.ts';
import { createFilesPanel } from './panels/files.ts';
import { createHintsPanel } from './panels/hints.ts';
import { createLiveView } from './panels/live-view.ts';
import { createOutputPanel } from './panels/output.ts';
import { createRequestConsole } from './panels/request-console.ts';
import { createSolutionView } from './panels/solution.ts';
import { createCheckRun } from './check-run.ts';
import { createSaver, isPassed, markPassed, restoreFiles } from './storage.ts';

// The lab workspace, mounted into a lab's shell (src/components/lab/Lab.astro) once the lab comes
// into view or the learner asks for it. It wires the editor, the runtime and the panels together;
// each panel lives in its own module under panels/.

function section(title: string, ...content: HTMLElement[]): HTMLElement {
	const heading = h('h3', { id: uid('lab-section') }, title);
	return h('section', { class: 'lab-section', 'aria-labelledby': heading.id }, heading, ...content);
}

function button(label: string, onClick: () => void, extra: Record<string, string> = {}): HTMLButtonElement {
	return h('button', { type: 'button', class: 'lab-button', onclick: onClick, ...extra }, label);
}

export async function mountWorkspace(root: HTMLElement, options: { focus: boolean }): Promise<void> {
	const lab = JSON.parse(root.querySelector('[data-lab-data]')?.textContent ?? '{}') as LabBundle;
	const slot = root.querySelector<HTMLElement>('[data-lab-workspace]');
	if (!slot) return;
	const monaco = await loadMonaco();

	const files = createFilesPanel(monaco, lab.id, restoreFiles(lab.id, lab.files));
	const saver = createSaver(lab.id, files.values);
	files.onChange(saver.schedule);
	const output = createOutputPanel();
	const checks = createChecksPanel();
	const undoSlot = h('p', { class: 'lab-undo', role: 'status' });
	const passedBadge = root.querySelector<HTMLElement>('[data-lab-passed]');

	const onEvent = (event: RuntimeEvent) => {
		switch (event.type) {
			case 'started':
				output.line(`Your program listens on port ${event.port}.`, 'info');
				live.start(event.backends);
				break;
			case 'output':
				output.line(event.line, event.stream);
				break;
			case 'exited':
				output.line(`Your program exited (${event.signal ?? `code ${event.code}`}).`, 'info');
				break;
			case 'stopped':
				output.line('Stopped.', 'info');
				live.stop();
				break;
			case 'response':
			case 'request-error':
				requests.handle(event);
				break;
			case 'backends':
				live.update(event.backends);
				break;
			case 'check':
				checkRun.handle(event.event);
				break;
			case 'error':
				output.line(event.message, 'stderr');
				checkRun.refused(event.message);
				break;
			default:
				break;
		}
	};
	const connection = connect(lab.id, files.values, onEvent);
	const checkRun = createCheckRun(checks, connection, () => ({ lab: lab.id, files: files.values() }), (passed) => {
		if (!passed) return;
		markPassed(lab.id);
		if (passedBadge) passedBadge.hidden = false;
	});
	const requests = createRequestConsole((command) => connection.send(command).then(() => undefined), {
		path: '/',
		headers: lab.requestHeaders,
	});
	let traffic = 0;
	const live = createLiveView(
		(command) => connection.send(command).then(() => undefined),
		() => void connection.send({ type: 'request', id: `traffic-${(traffic += 1)}`, method: 'GET', path: '/', headers: {} }),
	);

	// Reset and Use the solution replace files only after a yes, and both can be undone once.
	const replaceFiles = async (question: string, detail: string, yes: string, next: Record<string, string>, done: string) => {
		if (!(await confirmAction(root, question, detail, yes))) return;
		const previous = files.values();
		files.setAll(next);
		saver.saveNow();
		offerUndo(undoSlot, done, () => {
			files.setAll(previous);
			saver.saveNow();
		});
	};
	const starter = Object.fromEntries(lab.files.map((file) => [file.path, file.content]));
	// The lab's locked files stay whatever the solution folder holds.
	const locked = Object.fromEntries(lab.files.filter((file) => file.readOnly).map((file) => [file.path, file.content]));
	const solution = createSolutionView(monaco, lab.solution, () =>
		void replaceFiles('Use the solution?', 'Your files will be replaced by the reference solution. You can undo this.', 'Use the solution', { ...lab.solution, ...locked }, 'Your files now hold the solution.').then(() => solution.close()),
	);

	const run = () => {
		saver.flush();
		output.clear();
		output.line('Starting your program…', 'info');
		void connection.send({ type: 'run', lab: lab.id, files: files.values() });
	};
	const toolbar = h(
		'div',
		{ class: 'lab-toolbar', role: 'toolbar', 'aria-label': 'Lab actions' },
		button('Run', run),
		button('Stop', () => void connection.send({ type: 'stop' })),
		checkRun.button,
		button('Reset to starter…', () => void replaceFiles('Reset to the starter?', 'Your edits to every file will be replaced by the starter files. You can undo this.', 'Reset files', starter, 'Files reset to the starter.')),
		Object.keys(lab.solution).length > 0 && button('Show solution', () => solution.open(files.values())),
	);
	files.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, checkRun.start);
	root.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) checkRun.start();
	});

	slot.replaceChildren();
	append(
		slot,
		connection.element,
		toolbar,
		undoSlot,
		files.element,
		solution.element,
		section('Checks', checks.element),
		section('Output', output.element),
		section('Send a request', requests.element),
		lab.backends.length > 0 && section('Backends', live.element),
		section('Hints', createHintsPanel(lab.hints)),
	);
	slot.removeAttribute('aria-busy');
	if (passedBadge) passedBadge.hidden = !isPassed(lab.id);
	if (options.focus) files.editor.focus();
}
