import type * as Monaco from 'monaco-editor/editor';
import { isEditablePath } from '../../../shared/lab-bundle.ts';
import type { LabFiles } from '../../../shared/protocol.ts';
import { h, uid } from '../dom.ts';

// The file tabs and the one editor that shows them. Each file is a Monaco model, so switching tabs
// keeps every file's undo history and cursor; locked files open read-only with a note saying why.
// The set of files can change: a solution may add a module the starter did not have.

export interface FilesPanel {
	element: HTMLElement;
	editor: Monaco.editor.IStandaloneCodeEditor;
	/** The current text of every file, locked ones included. */
	values(this: void): LabFiles;
	/** Makes the files exactly `next`: changed text is one undoable edit per file, new paths get a
	 * tab, and files missing from `next` are closed. */
	setAll(next: LabFiles): void;
	onChange(listener: () => void): void;
}

interface Entry {
	path: string;
	model: Monaco.editor.ITextModel;
	tab: HTMLButtonElement;
	readOnly: boolean;
}

function language(path: string): string {
	if (isEditablePath(path)) return 'javascript';
	if (path.endsWith('.json')) return 'json';
	return 'plaintext';
}

export function createFilesPanel(
	monaco: typeof Monaco,
	labId: string,
	initial: LabFiles,
): FilesPanel {
	const entries: Entry[] = [];
	const listeners: (() => void)[] = [];
	const panelId = uid('lab-editor');
	const tablist = h('div', { role: 'tablist', 'aria-label': 'Files', class: 'lab-tabs' });
	const host = h('div', { class: 'lab-editor-host' });
	const panel = h('div', { role: 'tabpanel', id: panelId, class: 'lab-editor' }, host);
	const editor = monaco.editor.create(host, {
		automaticLayout: true,
		minimap: { enabled: false },
		scrollBeyondLastLine: false,
		fontSize: 14,
		tabSize: 2,
		fixedOverflowWidgets: true,
		// Faded unused code falls below readable contrast; the hover still says it is unused.
		showUnused: false,
		readOnlyMessage: { value: 'This file is supplied by the lab; the checks use their own copy.' },
	});

	const select = (index: number, focus: boolean) => {
		const entry = entries[index];
		if (!entry) return;
		entries.forEach((other, i) => {
			other.tab.setAttribute('aria-selected', String(i === index));
			other.tab.tabIndex = i === index ? 0 : -1;
		});
		panel.setAttribute('aria-labelledby', entry.tab.id);
		editor.setModel(entry.model);
		editor.updateOptions({
			readOnly: entry.readOnly,
			ariaLabel: `Editor: ${entry.path}${entry.readOnly ? ' (read-only)' : ''}`,
		});
		if (focus) entry.tab.focus();
	};
	const selected = () =>
		entries.findIndex((entry) => entry.tab.getAttribute('aria-selected') === 'true');

	const add = (path: string, text: string) => {
		const readOnly = !isEditablePath(path);
		const uri = monaco.Uri.parse(`file:///${labId}/${path}`);
		monaco.editor.getModel(uri)?.dispose();
		const model = monaco.editor.createModel(text, language(path), uri);
		model.onDidChangeContent(() => listeners.forEach((listener) => listener()));
		const tab = h(
			'button',
			{
				type: 'button',
				role: 'tab',
				id: uid('lab-tab'),
				'aria-controls': panelId,
				'aria-selected': 'false',
				tabindex: -1,
				class: readOnly ? 'lab-tab is-locked' : 'lab-tab',
			},
			path,
			readOnly && h('span', { class: 'lab-tab-note' }, ' (read-only)'),
		);
		tab.addEventListener('click', () =>
			select(
				entries.findIndex((entry) => entry.tab === tab),
				false,
			),
		);
		// Editable files first, so the entry file is the first tab; locked files keep to the end.
		const at = readOnly ? entries.length : entries.findIndex((entry) => entry.readOnly);
		const index = at === -1 ? entries.length : at;
		entries.splice(index, 0, { path, model, tab, readOnly });
		tablist.insertBefore(tab, tablist.children[index] ?? null);
	};

	// Arrow keys move between tabs, as in every tab list (WAI-ARIA Authoring Practices).
	tablist.addEventListener('keydown', (event) => {
		const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
		if (step === 0) return;
		event.preventDefault();
		select((selected() + step + entries.length) % entries.length, true);
	});
	for (const [path, text] of Object.entries(initial)) add(path, text);
	select(0, false);

	return {
		element: h('div', { class: 'lab-files' }, tablist, panel),
		editor,
		values: () => Object.fromEntries(entries.map((entry) => [entry.path, entry.model.getValue()])),
		setAll(next) {
			const current = entries[selected()]?.path;
			for (const entry of [...entries]) {
				if (entry.path in next) continue;
				entries.splice(entries.indexOf(entry), 1);
				entry.tab.remove();
				entry.model.dispose();
			}
			for (const [path, text] of Object.entries(next)) {
				const entry = entries.find((candidate) => candidate.path === path);
				if (!entry) add(path, text);
				else if (entry.model.getValue() !== text) {
					entry.model.pushEditOperations(
						[],
						[{ range: entry.model.getFullModelRange(), text }],
						() => null,
					);
				}
			}
			select(
				Math.max(
					0,
					entries.findIndex((entry) => entry.path === current),
				),
				false,
			);
		},
		onChange(listener) {
			listeners.push(listener);
		},
	};
}
