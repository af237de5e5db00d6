import './workspace.css';
import type { LabBundle } from '../../shared/lab-bundle.ts';
import type { RuntimeEvent } from '../../shared/protocol.ts';
import { connect } from './connection.ts';
import { append, h, uid } from './dom.ts';
import { loadMonaco } from './monaco/load.ts';
import { createChecksPanel } from './panels/checks.ts';
import { createFilesPanel } from './panels/files.ts';
import { createHintsPanel } from './panels/hints.ts';
import { createLiveView } from './panels/live-view.ts';
import { createOutputPanel } from './panels/output.ts';
import { createReplays } from './panels/replay.ts';
import { createRequestConsole } from './panels/request-console.ts';
import { createSaveNotice } from './panels/save-notice.ts';
import { createCheckRun } from './check-run.ts';
import { createFileActions } from './file-actions.ts';
import { addEditorExit } from './editor-keys.ts';
import { createLayout } from './layout.ts';
import { createSaver, isPassed, markPassed, restoreFiles } from './storage.ts';

// The lab workspace, mounted into a lab's shell (src/components/lab/Lab.astro) once the lab comes
// into view or the learner asks for it. It wires the editor, the runtime and the panels together;
// each panel lives in its own module under panels/.

function section(title: string, ...content: HTMLElement[]): HTMLElement {
	const heading = h('h3', { id: uid('lab-section') }, title);
	return h(
		'section',
		{ class: 'lab-section', id: `${heading.id}-panel`, 'aria-labelledby': heading.id },
		heading,
		...content,
	);
}

function button(label: string, onClick: () => void): HTMLButtonElement {
	return h('button', { type: 'button', class: 'lab-button', onclick: onClick }, label);
}

/** What the shell can do with a mounted workspace. */
export interface MountedWorkspace {
	focus(): void;
}

export async function mountWorkspace(root: HTMLElement): Promise<MountedWorkspace> {
	const lab = JSON.parse(root.querySelector('[data-lab-data]')?.textContent ?? '{}') as LabBundle;
	const slot = root.querySelector<HTMLElement>('[data-lab-workspace]');
	if (!slot) throw new Error(`Lab ${lab.id} has no workspace slot`);
	const monaco = await loadMonaco();

	const files = createFilesPanel(monaco, lab.id, restoreFiles(lab.id, lab.files));
	const saveNotice = createSaveNotice(lab.id, files.values);
	const saver = createSaver(lab.id, files.values, saveNotice.update);
	files.onChange(saver.schedule);
	const output = createOutputPanel();
	// A failed check's request goes to the console, shown, with Send focused, and the check is run
	// again with its backends to send it to (layout, requests and replays are made below; the button
	// is only pressed after the workspace is built).
	const checks = createChecksPanel((request, check, run) => {
		replays.start(check, run);
		requests.fill(request);
		layout.show('Send a request');
		requests.element.scrollIntoView({ block: 'nearest' });
		requests.element.querySelector('button')?.focus();
	});
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
			case 'replay':
				replays.handle(event);
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
	const checkRun = createCheckRun(
		checks,
		connection,
		() => ({ lab: lab.id, files: files.values() }),
		(passed) => {
			if (!passed) return;
			markPassed(lab.id);
			if (passedBadge) passedBadge.hidden = false;
		},
	);
	const requests = createRequestConsole((command) => replays.send(command), {
		path: '/',
		headers: lab.requestHeaders,
	});
	const replays = createReplays(
		connection,
		requests,
		() => ({ lab: lab.id, files: files.values() }),
		(line) => output.line(line, 'info'),
	);
	let traffic = 0;
	const live = createLiveView(connection.send, () => {
		traffic += 1;
		void connection.send({
			type: 'request',
			id: `traffic-${traffic}`,
			method: 'GET',
			path: '/',
			headers: {},
		});
	});
	const actions = createFileActions(monaco, root, lab, files, saver.saveNow);

	const run = () => {
		saver.flush();
		output.clear();
		output.line('Starting your program…', 'info');
		void connection.send({ type: 'run', lab: lab.id, files: files.values() });
	};
	const toolbar = h(
		'div',
		{ class: 'lab-toolbar', role: 'group', 'aria-label': 'Lab actions' },
		button('Run', run),
		button('Stop', () => void connection.send({ type: 'stop' })),
		checkRun.button,
		checkRun.hint,
		...actions.buttons,
	);
	files.editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, checkRun.start);
	const editorTip = addEditorExit(monaco, files.editor, checkRun.shortcut);
	root.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) checkRun.start();
	});

	const panels = [
		section('Checks', checks.element),
		section('Output', output.element),
		section('Send a request', requests.element),
		lab.backends.length > 0 && section('Backends', live.element),
		section('Hints', createHintsPanel(lab.hints)),
	].filter((panel): panel is HTMLElement => panel !== false);
	const layout = createLayout(root, [files.element, editorTip, actions.solution], panels);
	root.querySelector('.lab-header')?.append(layout.toggle);
	// In the wide workspace one panel shows at a time: the one the learner's action fills.
	checkRun.button.addEventListener('click', () => layout.show('Checks'));
	root.addEventListener('keydown', (event) => {
		if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) layout.show('Checks');
	});
	toolbar.querySelector('button')?.addEventListener('click', () => layout.show('Output'));

	slot.replaceChildren();
	append(slot, connection.element, saveNotice.element, toolbar, actions.undo, layout.element);
	slot.removeAttribute('aria-busy');
	if (passedBadge) passedBadge.hidden = !isPassed(lab.id);
	return { focus: () => files.editor.focus() };
}
