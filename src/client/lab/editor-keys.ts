import type * as Monaco from 'monaco-editor/editor';
import { h, uid } from './dom.ts';

// How a keyboard user leaves the editor. In Monaco, Tab types a tab, so focus is trapped unless one
// knows Ctrl+M (Monaco's switch that makes Tab move focus). Here Esc, when no editor widget is open
// to close, makes the next Tab or Shift+Tab move on; coming back to the editor makes Tab type a tab
// again. A line under the editor says so, and the editor's input is described by it, so a
// screen reader reads the way out when the editor takes focus.

/** The context in which Esc is the editor's own: closing a widget or leaving several cursors. */
const escapeIsTaken = [
	'suggestWidgetVisible',
	'findWidgetVisible',
	'parameterHintsVisible',
	'renameInputVisible',
	'editorHasMultipleSelections',
	'markersNavigationVisible',
	'inReferenceSearchEditor',
	'hasNextTabstop',
	'hasPrevTabstop',
]
	.map((key) => `!${key}`)
	.join(' && ');

export function addEditorExit(
	monaco: typeof Monaco,
	editor: Monaco.editor.IStandaloneCodeEditor,
	shortcut: string,
): HTMLElement {
	const tip = h(
		'p',
		{ class: 'lab-editor-tip', id: uid('lab-editor-tip') },
		'In the editor, Tab types a tab. To move on, press ',
		h('kbd', {}, 'Esc'),
		' then ',
		h('kbd', {}, 'Tab'),
		' (or ',
		h('kbd', {}, 'Ctrl+M'),
		' to make Tab move focus until you press it again). ',
		h('kbd', {}, shortcut),
		' runs the checks.',
	);
	let leaving = false;
	editor.addCommand(
		monaco.KeyCode.Escape,
		() => {
			leaving = true;
			editor.updateOptions({ tabFocusMode: true });
		},
		escapeIsTaken,
	);
	// Tab types in the editor again once focus has left and come back.
	editor.onDidFocusEditorText(() => {
		if (!leaving) return;
		leaving = false;
		editor.updateOptions({ tabFocusMode: false });
	});
	// The element that takes the keyboard is a textarea, or a div with role textbox where the browser
	// has EditContext (Chromium); Monaco may rebuild it, so the description follows it.
	const describe = () => {
		for (const input of editor.getDomNode()?.querySelectorAll('textarea, [role="textbox"]') ?? []) {
			input.setAttribute('aria-describedby', tip.id);
		}
	};
	describe();
	editor.onDidChangeModel(describe);
	editor.onDidFocusEditorText(describe);
	return tip;
}
