import type * as Monaco from 'monaco-editor/editor';
import type { LabFile } from '../../../lib/labs/types.ts';
import type { LabFiles } from '../../../runtime/protocol.ts';
import { h, uid } from '../dom.ts';

// The file tabs and the one editor that shows them. Each file is a Monaco model, so switching tabs
// keeps every file's undo history and cursor; locked files open read-only with a note saying why.

export interface FilesPanel {
	element: HTMLElement;
	editor: Monaco.editor.IStandaloneCodeEditor;
	/** The current text of every file, locked ones included. */
	values(): LabFiles;
	/** Replaces the text of the given files (one undoable edit each). */
	replace(files: LabFiles): void;
	onChange(listener: () => void): void;
}

function language(path: string): string {
	if (/\.(m?js|cjs)$/.test(path)) return 'javascript';
	if (path.endsWith('.json')) return 'json';
	return 'plaintext';
}

export function createFilesPanel(
	monaco: typeof Monaco,
	labId: string,
	files: readonly LabFile[],
	initial: LabFiles,
): FilesPanel {
	const models = new Map<string, Monaco.editor.ITextModel>();
	for (const file of files) {
		const uri = monaco.Uri.parse(`file:///${labId}/${file.path}`);
		monaco.editor.getModel(uri)?.dispose();
		models.set(file.path, monaco.editor.createModel(initial[file.path] ?? file.content, language(file.path), uri));
	}
	const panelId = uid('lab-editor');
	const tabs = files.map((file, index) =>
		h(
			'button',
			{
				type: 'button',
				role: 'tab',
				id: uid('lab-tab'),
				'aria-controls': panelId,
				'aria-selected': String(index === 0),
				tabindex: index === 0 ? 0 : -1,
				class: file.readOnly ? 'lab-tab is-locked' : 'lab-tab',
			},
			file.path,
			file.readOnly && h('span', { class: 'lab-tab-note' }, ' (read-only)'),
		),
	);
	const tablist = h('div', { role: 'tablist', 'aria-label': 'Files', class: 'lab-tabs' }, ...tabs);
	const host = h('div', { class: 'lab-editor-host' });
	const panel = h('div', { role: 'tabpanel', id: panelId, class: 'lab-editor' }, host);
	const first = files[0];
	const editor = monaco.editor.create(host, {
		model: first ? (models.get(first.path) ?? null) : null,
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
		const file = files[index];
		if (!file) return;
		tabs.forEach((tab, i) => {
			tab.setAttribute('aria-selected', String(i === index));
			tab.tabIndex = i === index ? 0 : -1;
		});
		panel.setAttribute('aria-labelledby', tabs[index]?.id ?? '');
		editor.setModel(models.get(file.path) ?? null);
		editor.updateOptions({
			readOnly: file.readOnly,
			ariaLabel: `Editor: ${file.path}${file.readOnly ? ' (read-only)' : ''}`,
		});
		if (focus) tabs[index]?.focus();
	};
	tabs.forEach((tab, index) => tab.addEventListener('click', () => select(index, false)));
	// Arrow keys move between tabs, as in every tab list (WAI-ARIA Authoring Practices).
	tablist.addEventListener('keydown', (event) => {
		const current = tabs.findIndex((tab) => tab.getAttribute('aria-selected') === 'true');
		const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
		if (step === 0) return;
		event.preventDefault();
		select((current + step + tabs.length) % tabs.length, true);
	});
	select(0, false);

	return {
		element: h('div', { class: 'lab-files' }, tablist, panel),
		editor,
		values: () => Object.fromEntries([...models].map(([path, model]) => [path, model.getValue()])),
		replace(next) {
			for (const [path, text] of Object.entries(next)) {
				const model = models.get(path);
				if (!model || model.getValue() === text) continue;
				model.pushEditOperations([], [{ range: model.getFullModelRange(), text }], () => null);
			}
		},
		onChange(listener) {
			for (const model of models.values()) model.onDidChangeContent(listener);
		},
	};
}
