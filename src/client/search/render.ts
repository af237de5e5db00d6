import type { SearchHit } from './sections.ts';

// Draws the result list. Pagefind's excerpts are HTML (escaped text with <mark> around the matched
// words); they are read with DOMParser, which runs nothing, and only their text and marks are kept.

/** The excerpt as text nodes and <mark> elements. */
export function excerptNodes(excerpt: string): Node[] {
	const body = new DOMParser().parseFromString(excerpt, 'text/html').body;
	return [...body.childNodes].map((node) =>
		node.nodeName === 'MARK'
			? Object.assign(document.createElement('mark'), { textContent: node.textContent })
			: document.createTextNode(node.textContent ?? ''),
	);
}

/** One result: a link named by its heading and lesson, described by its excerpt. */
export function hitItem(hit: SearchHit, id: string): HTMLLIElement {
	const item = document.createElement('li');
	item.className = 'search-hit';
	const link = document.createElement('a');
	link.href = hit.url;
	link.setAttribute('aria-describedby', `${id}-excerpt`);
	const heading = document.createElement('span');
	heading.className = 'search-hit-heading';
	heading.textContent = hit.heading;
	link.append(heading);
	if (hit.lesson !== hit.heading) {
		const lesson = document.createElement('span');
		lesson.className = 'search-hit-lesson';
		// The comma is for screen readers, which read the link as one name: "Caching, in Load balancers".
		lesson.append(
			Object.assign(document.createElement('span'), {
				className: 'visually-hidden',
				textContent: ', in ',
			}),
			hit.lesson,
		);
		link.append(lesson);
	}
	const excerpt = document.createElement('p');
	excerpt.className = 'search-hit-excerpt';
	excerpt.id = `${id}-excerpt`;
	excerpt.append(...excerptNodes(hit.excerpt));
	item.append(link, excerpt);
	return item;
}

/** What the status line says after a search. */
export function statusText(query: string, count: number): string {
	const words = `“${query.trim()}”`;
	if (count === 0) return `Nothing found for ${words}.`;
	return `${count} ${count === 1 ? 'result' : 'results'} for ${words}.`;
}
