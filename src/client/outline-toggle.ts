// The phone-width disclosure for the course outline. CSS hides the outline on narrow screens
// unless it carries `data-open`; the button's `aria-expanded` mirrors that state.

function setOpen(button: HTMLButtonElement, target: HTMLElement, open: boolean): void {
	button.setAttribute('aria-expanded', String(open));
	target.toggleAttribute('data-open', open);
}

for (const button of document.querySelectorAll<HTMLButtonElement>('.outline-toggle')) {
	const target = document.getElementById(button.getAttribute('aria-controls') ?? '');
	if (!target) continue;
	button.addEventListener('click', () => {
		setOpen(button, target, button.getAttribute('aria-expanded') !== 'true');
	});
	// Escape closes an open outline and gives focus back to the button that opened it.
	target.addEventListener('keydown', (event) => {
		if (event.key !== 'Escape' || button.getAttribute('aria-expanded') !== 'true') return;
		setOpen(button, target, false);
		button.focus();
	});
}

// A module, so its top-level names stay out of the global scope shared with other scripts.
export {};
