import {
	allPassedLabs,
	readProgress,
	replacePassedLabs,
	storeAll,
	writeProgress,
} from './store.ts';
import { createExport, mergeLabs, mergeProgress, parseExport } from './transfer.ts';
import { emptyProgress } from './types.ts';

// The progress page's export, import and reset controls. An import is checked in full before
// anything is written, and then stored whole or not at all, so a damaged or foreign file, or a full
// storage, changes nothing; a reset asks first.

const message = document.querySelector<HTMLElement>('[data-progress-message]');

function say(text: string, kind: 'done' | 'error'): void {
	if (!message) return;
	message.dataset['kind'] = kind;
	message.textContent = text;
}

function download(name: string, text: string): void {
	const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
	const link = document.createElement('a');
	link.href = url;
	link.download = name;
	link.click();
	// The browser has taken the file by the next task; the URL is then only memory.
	setTimeout(() => URL.revokeObjectURL(url), 0);
}

document.querySelector('[data-progress-export]')?.addEventListener('click', () => {
	const file = createExport(readProgress(), allPassedLabs());
	download(
		`course-progress-${file.exportedAt.slice(0, 10)}.json`,
		JSON.stringify(file, null, '\t'),
	);
	say('Your progress was exported. Keep the file to import it here or in another browser.', 'done');
});

const input = document.querySelector<HTMLInputElement>('[data-progress-import]');
// An event listener's return value is ignored, so the import's promise is dropped on purpose here
// (void), as it was when the listener itself was async.
input?.addEventListener('change', () => void importFile(input));

async function importFile(input: HTMLInputElement): Promise<void> {
	const file = input.files?.[0];
	if (!file) return;
	const imported = parseExport(await file.text());
	input.value = '';
	if (!imported.ok) return say(imported.error, 'error');
	// All or nothing: a storage too full to hold the merged progress keeps the old one whole.
	if (
		!storeAll(
			mergeProgress(readProgress(), imported.progress),
			mergeLabs(allPassedLabs(), imported.labsPassed),
		)
	) {
		return say(
			`${file.name} was not imported: this browser would not store it (its storage is full or turned off). Your progress is unchanged.`,
			'error',
		);
	}
	const count = Object.keys(imported.progress.lessons).length;
	say(
		`Imported the progress of ${count} ${count === 1 ? 'lesson' : 'lessons'} from ${file.name}.`,
		'done',
	);
}

const dialog = document.querySelector<HTMLDialogElement>('[data-progress-dialog]');
const reset = document.querySelector<HTMLButtonElement>('[data-progress-reset]');
reset?.addEventListener('click', () => {
	if (!dialog) return;
	dialog.returnValue = '';
	dialog.showModal();
	// The safe answer has the focus, so a stray Enter keeps the progress.
	dialog.querySelector<HTMLButtonElement>('button[value="cancel"]')?.focus();
});
dialog?.addEventListener('close', () => {
	if (dialog.returnValue === 'erase') {
		writeProgress(emptyProgress());
		replacePassedLabs({});
		say('Your progress was erased.', 'done');
	}
	reset?.focus();
});
