import { loadPagefind } from './pagefind.ts';
import { searchBox } from './search-box.ts';

// The header's search dialog, loaded the first time it opens (src/client/search/open.ts opens it
// at once and imports this): it searches, closes on Esc, on Close or on a click beside it, and gives
// focus back to where it was, or to the Search button when nothing had focus.

const attached = new WeakSet<HTMLDialogElement>();

export function attachDialog(
	dialog: HTMLDialogElement,
	button: HTMLElement,
	openedFrom: () => Element | null,
): void {
	if (attached.has(dialog)) return;
	attached.add(dialog);
	const box = searchBox(dialog);
	let leaving = false;

	dialog.addEventListener('keydown', (event) => {
		// Esc in a search field would first only clear it; here it closes, keeping the words.
		if (event.key !== 'Escape') return;
		event.preventDefault();
		dialog.close();
	});
	dialog.querySelector('[data-search-close]')?.addEventListener('click', () => dialog.close());
	// The dialog's own box is the backdrop: a click there is a click beside the search.
	dialog.addEventListener('click', (event) => {
		if (event.target === dialog) dialog.close();
		// A result is followed, so focus goes to the page it opens, not back to the header.
		if (event.target instanceof Element && event.target.closest('a[href]')) {
			leaving = true;
			dialog.close();
		}
	});
	dialog.addEventListener('close', () => {
		if (leaving) {
			leaving = false;
			return;
		}
		const before = openedFrom();
		const target =
			before instanceof HTMLElement && before !== document.body && before.isConnected
				? before
				: button;
		target.focus();
	});

	// Words typed while this module loaded are searched now; otherwise Pagefind starts loading, so
	// the first word typed finds an index already in memory.
	if (box?.input.value.trim()) void box.run();
	else void loadPagefind().catch(() => {});
}
