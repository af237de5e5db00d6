import type * as Monaco from 'monaco-editor/editor';
import { isEditablePath } from '../../../shared/lab-bundle.ts';
import type { LabFiles } from '../../../shared/protocol.ts';
import { h } from '../dom.ts';

// The reference solution beside the learner's code, as a side-by-side diff per file. It only ever
// shows; replacing the learner's files is a separate, confirmed step owned by the workspace.

export interface SolutionView {
	element: HTMLElement;
	/** Opens the diff against the learner's current files; resolves once the diff is shown. */
	open(mine: LabFiles): Promise<void>;
	close(): void;
}

export function createSolutionView(
	monaco: typeof Monaco,
	solution: LabFiles,
	use: () => void,
): SolutionView {
	const paths = Object.keys(solution).filter(isEditablePath);
	const picker = h(
		'select',
		{ 'aria-label': 'Solution file' },
		...paths.map((path) => h('option', { value: path }, path)),
	);
	const host = h('div', { class: 'lab-diff-host' });
	const useButton = h('button', { type: 'button', class: 'lab-button' }, 'Use the solution…');
	const closeButton = h('button', { type: 'button', class: 'lab-button' }, 'Hide solution');
	const element = h(
		'div',
		{ class: 'lab-solution', hidden: true },
		h(
			'p',
			{},
			'Left: your code. Right: the reference solution. Nothing changes unless you choose to use it.',
		),
		h('div', { class: 'lab-solution-bar' }, picker, useButton, closeButton),
		host,
	);
	let diff: Monaco.editor.IStandaloneDiffEditor | undefined;
	let mine: LabFiles = {};
	const models: Monaco.editor.ITextModel[] = [];

	/** Resolves when the diff editor has computed the differences it shows, or after a bound, so a
	 * caller's busy state never outlives a diff that Monaco finishes without saying so. */
	const computed = () =>
		new Promise<void>((resolve) => {
			const bound = setTimeout(done, 10_000);
			const listener = diff?.onDidUpdateDiff(done);
			function done() {
				clearTimeout(bound);
				listener?.dispose();
				resolve();
			}
			if (!listener) done();
		});
	/** Lets the browser paint (the caller's busy state) before Monaco blocks the page building the
	 * diff editor, which takes seconds on a slow machine. */
	const painted = () =>
		new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

	const show = (path: string) => {
		const old = models.splice(0);
		const original = monaco.editor.createModel(mine[path] ?? '', 'javascript');
		const modified = monaco.editor.createModel(solution[path] ?? '', 'javascript');
		models.push(original, modified);
		diff ??= monaco.editor.createDiffEditor(host, {
			readOnly: true,
			originalEditable: false,
			automaticLayout: true,
			renderSideBySide: true,
			useInlineViewWhenSpaceIsLimited: false,
			minimap: { enabled: false },
			scrollBeyondLastLine: false,
		});
		// The diff editor's own label options do not reach its two inner editors in Monaco 0.57.
		diff.getOriginalEditor().updateOptions({ ariaLabel: `Your code, ${path}` });
		diff.getModifiedEditor().updateOptions({ ariaLabel: `Solution, ${path}` });
		diff.setModel({ original, modified });
		// Models are disposed only once the diff editor has let go of them.
		for (const model of old) model.dispose();
	};
	picker.addEventListener('change', () => show(picker.value));
	useButton.addEventListener('click', use);

	const view: SolutionView = {
		element,
		async open(files) {
			mine = files;
			await painted();
			element.hidden = false;
			show(picker.value || paths[0] || '');
			await computed();
		},
		close() {
			element.hidden = true;
			diff?.setModel(null);
			for (const model of models.splice(0)) model.dispose();
		},
	};
	closeButton.addEventListener('click', () => view.close());
	return view;
}
