import { searchCourse } from './pagefind.ts';
import { hitItem, statusText } from './render.ts';

// One search form (src/components/search/SearchForm.astro), in the header's dialog or on the
// /search/ page: searches as the learner types, lists the hits, says how many in a status line,
// and lets the arrow keys move between the field and the results. Enter opens the first result.

export interface SearchBox {
	/** Searches for the field's words now, without waiting for a pause in typing. */
	run(): Promise<void>;
	input: HTMLInputElement;
}

/** Waits this long after a key before searching, so a word typed quickly is searched once. */
const pauseMs = 120;

export function searchBox(
	root: HTMLElement,
	onSearch?: (query: string) => void,
): SearchBox | undefined {
	const form = root.querySelector<HTMLFormElement>('[data-search-form]');
	const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
	const status = root.querySelector<HTMLElement>('[data-search-status]');
	const list = root.querySelector<HTMLOListElement>('[data-search-results]');
	if (!form || !input || !status || !list) return undefined;
	const prefix = list.id;
	let asked = 0;
	let timer: ReturnType<typeof setTimeout> | undefined;

	const links = () => [...list.querySelectorAll<HTMLAnchorElement>('a')];

	async function run(): Promise<void> {
		clearTimeout(timer);
		const query = input!.value;
		const mine = ++asked;
		onSearch?.(query);
		if (!query.trim()) {
			list!.replaceChildren();
			status!.textContent = '';
			return;
		}
		try {
			const hits = await searchCourse(query);
			// A slower answer to an older query must not replace the answer to the newest one.
			if (mine !== asked) return;
			list!.replaceChildren(...hits.map((hit, i) => hitItem(hit, `${prefix}-${i}`)));
			status!.textContent = statusText(query, hits.length);
		} catch (error) {
			if (mine !== asked) return;
			list!.replaceChildren();
			status!.textContent = `Search could not load (${String(error)}). Check the connection and type again.`;
		}
	}

	input.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(() => void run(), pauseMs);
	});
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		void run().then(() => links()[0]?.click());
	});
	// Down from the field enters the list; up and down move along it; up from the top goes back.
	root.addEventListener('keydown', (event) => {
		if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
		const all = links();
		const at = event.target instanceof HTMLAnchorElement ? all.indexOf(event.target) : -1;
		if (event.target !== input && at < 0) return;
		const next = event.key === 'ArrowDown' ? at + 1 : at - 1;
		if (next >= all.length || (event.target === input && event.key === 'ArrowUp')) return;
		event.preventDefault();
		(next < 0 ? input : all[next])?.focus();
	});
	return { run, input };
}
