import { h } from '../dom.ts';

// A modal question with a real <dialog>: focus moves into it, Escape cancels, and the page behind
// cannot be used until it is answered. Nothing destructive happens without a yes.

export function confirmAction(
	host: HTMLElement,
	question: string,
	detail: string,
	yes: string,
): Promise<boolean> {
	return new Promise((resolve) => {
		const title = h('h3', { id: `${host.id || 'lab'}-confirm-title` }, question);
		const confirm = h(
			'button',
			{ type: 'submit', value: 'yes', class: 'lab-button is-danger' },
			yes,
		);
		const cancel = h('button', { type: 'submit', value: 'no', class: 'lab-button' }, 'Cancel');
		const dialog = h(
			'dialog',
			{ class: 'lab-dialog', 'aria-labelledby': title.id },
			h(
				'form',
				{ method: 'dialog' },
				title,
				h('p', {}, detail),
				h('div', { class: 'lab-dialog-actions' }, cancel, confirm),
			),
		);
		dialog.addEventListener('close', () => {
			resolve(dialog.returnValue === 'yes');
			dialog.remove();
		});
		host.append(dialog);
		dialog.showModal();
		cancel.focus();
	});
}

/** Shows a message with an Undo button until the next message replaces it. */
export function offerUndo(slot: HTMLElement, message: string, undo: () => void): void {
	const button = h('button', { type: 'button', class: 'lab-button is-small' }, 'Undo');
	button.addEventListener('click', () => {
		undo();
		slot.replaceChildren('Restored your previous files.');
	});
	slot.replaceChildren(message, ' ', button);
}
