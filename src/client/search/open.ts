// Opens the header's search dialog from its button, with `/`, or with Ctrl+K (Cmd+K on a Mac).
// This is all the search code a page loads up front: the dialog's behaviour, Pagefind and the
// index load on the first opening (search-dialog.ts), so lesson pages stay light.

const button = document.querySelector<HTMLButtonElement>('[data-search-open]');
const dialog = document.querySelector<HTMLDialogElement>('[data-search-dialog]');
let openedFrom: Element | null = null;

function open(): void {
	if (!button || !dialog) return;
	if (!dialog.open) {
		openedFrom = document.activeElement;
		dialog.showModal();
	}
	const input = dialog.querySelector('input');
	input?.focus();
	input?.select();
	import('./search-dialog.ts')
		.then(({ attachDialog }) => attachDialog(dialog, button, () => openedFrom))
		.catch((error: unknown) => {
			const status = dialog.querySelector('[data-search-status]');
			if (status)
				status.textContent = `Search could not load (${String(error)}). Close and try again.`;
		});
}

/**
 * A field where `/` is a character to type, not a command. Monaco in Chromium takes keys through an
 * EditContext on a plain div (neither a textarea nor contenteditable), so anything inside an editor
 * or a textbox role counts as well; without that, typing `//` in a lab opened the search.
 */
function typing(target: EventTarget | null): boolean {
	if (!(target instanceof HTMLElement)) return false;
	if (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName)) return true;
	return target.closest('.monaco-editor, [role="textbox"], [contenteditable="true"]') !== null;
}

if (button && dialog) {
	button.addEventListener('click', open);
	document.addEventListener('keydown', (event) => {
		// A key the page already used (the lab editor's own Ctrl+K chords) is left alone.
		if (event.defaultPrevented || event.isComposing || event.altKey) return;
		const inEditor = event.target instanceof Element && event.target.closest('.monaco-editor');
		if (
			(event.ctrlKey || event.metaKey) &&
			!event.shiftKey &&
			event.key.toLowerCase() === 'k' &&
			!inEditor
		) {
			event.preventDefault();
			if (dialog.open) dialog.close();
			else open();
		} else if (
			event.key === '/' &&
			!event.ctrlKey &&
			!event.metaKey &&
			!dialog.open &&
			!typing(event.target)
		) {
			event.preventDefault();
			open();
		}
	});
}
