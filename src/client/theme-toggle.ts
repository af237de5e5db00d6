// The theme button: without a stored choice the page follows `prefers-color-scheme` through CSS;
// pressing the button stores the opposite of what is showing, which then wins over the system.

const storageKey = 'theme';
const systemDark = window.matchMedia('(prefers-color-scheme: dark)');
const root = document.documentElement;

function storedTheme(): string | undefined {
	return root.dataset['theme'];
}

function isDark(): boolean {
	const stored = storedTheme();
	return stored === undefined ? systemDark.matches : stored === 'dark';
}

function sync(): void {
	for (const button of document.querySelectorAll('[data-theme-toggle]')) {
		button.setAttribute('aria-pressed', String(isDark()));
	}
}

function toggle(): void {
	const next = isDark() ? 'light' : 'dark';
	root.dataset['theme'] = next;
	try {
		localStorage.setItem(storageKey, next);
	} catch {
		// Storage can be blocked (private mode, policy); the choice then lasts for this page only.
	}
	sync();
}

for (const button of document.querySelectorAll('[data-theme-toggle]')) {
	button.addEventListener('click', toggle);
}
systemDark.addEventListener('change', sync);
sync();

// A module, so its top-level names stay out of the global scope shared with other scripts.
export {};
