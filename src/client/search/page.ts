import { searchBox } from './search-box.ts';

// The /search/ page: searches as the learner types and keeps the words in the address (?q=), so
// a search can be reloaded, shared, or arrive from another page's form.

const root = document.querySelector<HTMLElement>('.search-page');
const box =
	root &&
	searchBox(root, (query) => {
		const url = new URL(location.href);
		if (query.trim()) url.searchParams.set('q', query);
		else url.searchParams.delete('q');
		history.replaceState(null, '', url);
	});

if (box) {
	// A query in the address wins; otherwise words typed before this script ran (a quick learner on
	// a slow connection) are searched now rather than at the next keystroke.
	const initial = new URLSearchParams(location.search).get('q') ?? box.input.value;
	if (initial.trim()) {
		box.input.value = initial;
		void box.run();
	}
}
