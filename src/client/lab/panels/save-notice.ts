import type { LabFiles } from '../../../shared/protocol.ts';
import { h } from '../dom.ts';
import type { SaveState } from '../storage.ts';
import { zipTextFiles } from '../zip.ts';

// What the workspace says when the browser will not keep the learner's edits (its storage is full
// or turned off): at once, in an alert, with the files one press away as a ZIP, since a reload
// would otherwise lose them without a word. It says so again when a later save succeeds.

export interface SaveNotice {
	element: HTMLElement;
	update(this: void, state: SaveState): void;
}

/** Hands the browser a file to save. */
export function download(name: string, blob: Blob): void {
	const url = URL.createObjectURL(blob);
	const link = h('a', { href: url, download: name });
	link.click();
	// The browser has taken the file by the next task; the URL is then only memory.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

export function createSaveNotice(labId: string, files: () => LabFiles): SaveNotice {
	const message = h('p', {});
	const save = h('button', { type: 'button', class: 'lab-button' }, 'Download your files');
	save.addEventListener('click', () =>
		download(`${labId}-files.zip`, zipTextFiles(labId, files())),
	);
	const element = h(
		'div',
		{ class: 'lab-save-notice', role: 'alert', hidden: true },
		message,
		save,
	);
	return {
		element,
		update(state) {
			element.hidden = false;
			element.dataset['state'] = state;
			save.hidden = state === 'saved';
			message.textContent =
				state === 'unsaved'
					? 'Your latest edit could not be saved in this browser: its storage is full or turned off. It is still in the editor, but a reload would lose it. Download your files to keep them.'
					: 'Your edits are saved in this browser again.';
		},
	};
}
