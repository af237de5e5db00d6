import type * as Monaco from 'monaco-editor/editor';
import type { LabBundle } from '../../shared/lab-bundle.ts';
import type { LabFiles } from '../../shared/protocol.ts';
import { h } from './dom.ts';
import { confirmAction, offerUndo } from './panels/confirm.ts';
import type { FilesPanel } from './panels/files.ts';
import { createSolutionView } from './panels/solution.ts';

// The two actions that replace the learner's files: Reset to starter and Use the solution. Both
// ask first, save at once, and leave an Undo that restores the files as they were.

export interface FileActions {
	/** The buttons for the toolbar: Reset, and Show solution when the lab has one. */
	buttons: HTMLButtonElement[];
	/** The solution diff, hidden until Show solution is pressed. */
	solution: HTMLElement;
	/** Where the Undo offer appears. */
	undo: HTMLElement;
}

export function createFileActions(
	monaco: typeof Monaco,
	root: HTMLElement,
	lab: LabBundle,
	files: FilesPanel,
	save: () => void,
): FileActions {
	const undo = h('p', { class: 'lab-undo', role: 'status' });
	const replace = async (
		question: string,
		detail: string,
		yes: string,
		next: LabFiles,
		done: string,
	) => {
		if (!(await confirmAction(root, question, detail, yes))) return false;
		const previous = files.values();
		files.setAll(next);
		save();
		offerUndo(undo, done, () => {
			files.setAll(previous);
			save();
		});
		return true;
	};

	const starter = Object.fromEntries(lab.files.map((file) => [file.path, file.content]));
	// The lab's locked files stay as the starter has them, whatever the solution folder holds.
	const locked = Object.fromEntries(
		lab.files.filter((file) => file.readOnly).map((file) => [file.path, file.content]),
	);
	const solution = createSolutionView(monaco, lab.solution, () => {
		const detail = 'Your files will be replaced by the reference solution. You can undo this.';
		void replace(
			'Use the solution?',
			detail,
			'Use the solution',
			{ ...lab.solution, ...locked },
			'Your files now hold the solution.',
		).then((replaced) => replaced && solution.close());
	});

	const reset = h('button', { type: 'button', class: 'lab-button' }, 'Reset to starter…');
	reset.addEventListener('click', () => {
		const detail =
			'Your edits to every file will be replaced by the starter files. You can undo this.';
		void replace(
			'Reset to the starter?',
			detail,
			'Reset files',
			starter,
			'Files reset to the starter.',
		);
	});
	const buttons = [reset];
	if (Object.keys(lab.solution).length > 0) {
		const show = h('button', { type: 'button', class: 'lab-button' }, 'Show solution');
		// Building the diff takes seconds on a slow machine: the button says so and takes no second press.
		show.addEventListener('click', () => {
			if (show.getAttribute('aria-busy') === 'true') return;
			show.setAttribute('aria-busy', 'true');
			show.setAttribute('aria-disabled', 'true');
			show.textContent = 'Opening the solution…';
			void solution.open(files.values()).finally(() => {
				show.removeAttribute('aria-busy');
				show.removeAttribute('aria-disabled');
				show.textContent = 'Show solution';
			});
		});
		buttons.push(show);
	}
	return { buttons, solution: solution.element, undo };
}
