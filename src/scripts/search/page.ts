import type { SearchIndex } from '../../lib/search/lesson-document.ts';
import { sitePath } from '../../lib/site-path.ts';
import { search, type SearchResult } from './match.ts';

// The search page: loads the index once, searches as the learner types, and keeps the query in
// the address (?q=) so a search can be reloaded, shared or reached from another page's form.

const form = document.querySelector<HTMLFormElement>('[data-search-form]');
const input = form?.querySelector<HTMLInputElement>('input[name="q"]');
const status = document.querySelector<HTMLElement>('[data-search-status]');
const list = document.querySelector<HTMLOListElement>('[data-search-results]');

let index: Promise<SearchIndex> | undefined;

function loadIndex(): Promise<SearchIndex> {
	index ??= fetch(sitePath('search-index.json')).then((response) => {
		if (!response.ok) throw new Error(`the index answered ${response.status}`);
		return response.json() as Promise<SearchIndex>;
	});
	return index;
}

function resultItem(result: SearchResult): HTMLLIElement {
	const item = document.createElement('li');
	const title = document.createElement('a');
	title.className = 'search-title';
	title.href = result.lesson.url;
	title.textContent = result.lesson.title;
	const where = document.createElement('p');
	where.className = 'search-where';
	where.append(result.lesson.module);
	if (result.section) {
		const section = document.createElement('a');
		section.href = `${result.lesson.url}#${result.section.slug}`;
		section.textContent = result.section.heading;
		where.append(' › ', section);
	}
	const text = document.createElement('p');
	for (const part of result.snippet) {
		text.append(part.match ? Object.assign(document.createElement('mark'), { textContent: part.text }) : part.text);
	}
	item.append(title, where, text);
	return item;
}

async function run(query: string): Promise<void> {
	if (!status || !list) return;
	const url = new URL(location.href);
	if (query.trim()) url.searchParams.set('q', query);
	else url.searchParams.delete('q');
	history.replaceState(null, '', url);
	if (!query.trim()) {
		list.replaceChildren();
		status.textContent = '';
		return;
	}
	let results: SearchResult[];
	try {
		results = search(await loadIndex(), query);
	} catch (error) {
		index = undefined;
		status.textContent = `Search could not load its index (${String(error)}). Try again.`;
		return;
	}
	// A slower search for an older query must not overwrite the answer to the newest one.
	if (input && input.value !== query) return;
	list.replaceChildren(...results.map(resultItem));
	const lessons = results.length === 1 ? 'lesson matches' : 'lessons match';
	status.textContent =
		results.length === 0 ? `No lesson matches “${query.trim()}”.` : `${results.length} ${lessons} “${query.trim()}”.`;
}

if (form && input) {
	let timer: ReturnType<typeof setTimeout> | undefined;
	form.addEventListener('submit', (event) => {
		event.preventDefault();
		clearTimeout(timer);
		void run(input.value);
	});
	input.addEventListener('input', () => {
		clearTimeout(timer);
		timer = setTimeout(() => void run(input.value), 150);
	});
	// A query in the address wins; otherwise words typed before this script ran (a quick learner on
	// a slow connection) are searched now rather than waiting for the next keystroke.
	const initial = new URLSearchParams(location.search).get('q') ?? input.value;
	if (initial.trim()) {
		input.value = initial;
		void run(initial);
	}
}
