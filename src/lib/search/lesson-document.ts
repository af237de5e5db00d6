import { placeHeadings } from '../course/component-headings.ts';
import type { Heading } from '../toc.ts';
import { plainText } from './plain-text.ts';

// One lesson as the search page sees it: what it is called, what it promises and the plain text of
// each of its sections, so a result can link to the heading where the words were found.

export interface SearchSection {
	/** The heading's id on the page; empty for the text before the first heading. */
	slug: string;
	heading: string;
	text: string;
}

export interface SearchLesson {
	url: string;
	title: string;
	module: string;
	description: string;
	objectives: string[];
	sections: SearchSection[];
}

export interface SearchIndex {
	version: 1;
	lessons: SearchLesson[];
}

export interface LessonInput {
	url: string;
	title: string;
	module: string;
	description: string;
	objectives: string[];
	body: string;
	headings: readonly Heading[];
}

export function lessonDocument(input: LessonInput): SearchLesson {
	const lines = input.body.split('\n');
	const placed = placeHeadings(input.body, input.headings);
	const sections: SearchSection[] = [];
	let start = 0;
	let current = { slug: '', heading: '' };
	for (const { heading, line } of [...placed, { heading: undefined, line: lines.length }]) {
		const text = plainText(lines.slice(start, line));
		if (text || current.slug) sections.push({ ...current, text });
		if (!heading) break;
		current = { slug: heading.slug, heading: heading.text };
		// A Markdown heading's line holds only the heading; a component's line may hold its props.
		start = lines[line]?.startsWith('#') ? line + 1 : line;
	}
	const { url, title, module, description, objectives } = input;
	return { url, title, module, description, objectives, sections };
}
