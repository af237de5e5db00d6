// Adds a copy button to every highlighted code block. The buttons are made here rather than in
// the HTML because they do nothing without this script.

const resetAfterMs = 2000;
const status = document.getElementById('copy-status');

async function copy(button: HTMLButtonElement, pre: HTMLPreElement): Promise<void> {
	let message = 'Copied';
	try {
		await navigator.clipboard.writeText(pre.textContent ?? '');
	} catch {
		message = 'Copy failed: select the code and copy it by hand';
	}
	button.textContent = message === 'Copied' ? 'Copied' : 'Failed';
	// Clearing first makes a screen reader announce the same message again on a second copy.
	if (status) {
		status.textContent = '';
		requestAnimationFrame(() => (status.textContent = message));
	}
	setTimeout(() => (button.textContent = 'Copy'), resetAfterMs);
}

for (const pre of document.querySelectorAll<HTMLPreElement>('pre.astro-code')) {
	const wrapper = document.createElement('div');
	wrapper.className = 'code-block';
	pre.replaceWith(wrapper);
	wrapper.append(pre);
	const button = document.createElement('button');
	button.type = 'button';
	button.className = 'copy-button';
	button.textContent = 'Copy';
	const language = pre.dataset['language'];
	button.setAttribute('aria-label', language ? `Copy ${language} code` : 'Copy code');
	button.addEventListener('click', () => void copy(button, pre));
	wrapper.append(button);
}

// A module, so its top-level names stay out of the global scope shared with other scripts.
export {};
