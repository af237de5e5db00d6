import { passedKey } from '../../shared/lab-bundle.ts';

// The only lab code a lesson page loads up front. It marks passed labs from storage, and loads
// the workspace (editor, runtime, panels) when a lab comes near the viewport or the learner presses
// "Load editor", so a reader who never scrolls to the lab downloads none of it. The runtime is
// chosen at that moment too, so a first boot of the in-browser runtime overlaps the download.

type Workspace = typeof import('./workspace.ts');
let workspace: Promise<Workspace> | undefined;
/** Labs whose Load editor button was pressed: their editor takes focus once it is ready. */
const focusWanted = new WeakSet<HTMLElement>();

function mount(root: HTMLElement, focus: boolean): void {
	if (focus) focusWanted.add(root);
	if (root.dataset['labState']) return;
	root.dataset['labState'] = 'loading';
	const note = root.querySelector<HTMLElement>('[data-lab-placeholder]');
	if (note) note.textContent = 'Loading the editor…';
	root.querySelector('[data-lab-workspace]')?.setAttribute('aria-busy', 'true');
	// The runtime is chosen (and the in-browser one booted) while the editor downloads.
	import('./adapters/choose.ts').then((module) => module.chooseEarly()).catch(() => {});
	workspace ??= import('./workspace.ts');
	workspace
		.then((module) => module.mountWorkspace(root))
		.then((mounted) => {
			root.dataset['labState'] = 'ready';
			if (focusWanted.has(root)) mounted.focus();
		})
		.catch((error: unknown) => {
			// A failed chunk load (offline, a deploy replaced the files) leaves the lesson readable and
			// the button ready for another try.
			delete root.dataset['labState'];
			workspace = undefined;
			if (note) note.textContent = `The editor could not load (${String(error)}). Try again.`;
		});
}

const observer =
	'IntersectionObserver' in window
		? new IntersectionObserver(
				(entries) => {
					for (const entry of entries) {
						if (!entry.isIntersecting) continue;
						observer?.unobserve(entry.target);
						const root = entry.target.closest<HTMLElement>('[data-lab]');
						if (root) mount(root, false);
					}
				},
				{ rootMargin: '200px 0px' },
			)
		: undefined;

for (const root of document.querySelectorAll<HTMLElement>('[data-lab]')) {
	const id = root.dataset['lab'] ?? '';
	try {
		const badge = root.querySelector<HTMLElement>('[data-lab-passed]');
		if (badge) badge.hidden = localStorage.getItem(passedKey(id)) === null;
	} catch {
		// Without storage the lab simply does not show as passed.
	}
	root.querySelector('[data-lab-load]')?.addEventListener('click', () => mount(root, true));
	observer?.observe(root.querySelector('[data-lab-workspace]') ?? root);
}
