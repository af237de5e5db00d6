import type { SearchIndex, SearchLesson, SearchSection } from '../../lib/search/lesson-document.ts';

// Ranks lessons for a query. Every word of the query must occur in a lesson, as the start of a word
// ("cach" finds "caching"), for the lesson to match. Words in the title count most, then headings,
// then the objectives and summary, then the body. Pure, so the node tests can check the ranking.

export interface SnippetPart {
	text: string;
	/** True for the words that matched, which the page highlights. */
	match: boolean;
}

export interface SearchResult {
	lesson: SearchLesson;
	/** The section with the most matches, to link to its heading; absent for the lesson intro. */
	section?: SearchSection;
	snippet: SnippetPart[];
	score: number;
}

const snippetLength = 180;

/** The lower-case words of a query, without duplicates. */
export function queryTerms(query: string): string[] {
	return [...new Set(query.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [])];
}

function escape(term: string): string {
	return term.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function termPattern(terms: readonly string[]): RegExp {
	return new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.map(escape).join('|')})`, 'giu');
}

function count(text: string, term: string): number {
	return text.match(termPattern([term]))?.length ?? 0;
}

/** Cuts a passage around the first match and marks every match in it. */
export function snippet(text: string, terms: readonly string[]): SnippetPart[] {
	const first = text.search(termPattern(terms));
	let start = Math.max(0, first - snippetLength / 3);
	// Start on a word boundary so the snippet does not open with half a word.
	if (start > 0) start = text.indexOf(' ', start) + 1;
	const passage = text.slice(start, start + snippetLength).replace(/\s+/g, ' ');
	const parts: SnippetPart[] = start > 0 ? [{ text: '…', match: false }] : [];
	let last = 0;
	for (const found of passage.matchAll(termPattern(terms))) {
		const at = found.index;
		if (at > last) parts.push({ text: passage.slice(last, at), match: false });
		parts.push({ text: found[0], match: true });
		last = at + found[0].length;
	}
	if (last < passage.length) parts.push({ text: passage.slice(last), match: false });
	if (start + snippetLength < text.length) parts.push({ text: '…', match: false });
	return parts;
}

function rank(lesson: SearchLesson, terms: readonly string[]): SearchResult | undefined {
	const about = `${lesson.description} ${lesson.objectives.join(' ')}`;
	let score = 0;
	for (const term of terms) {
		const inTitle = count(lesson.title, term);
		const inAbout = count(about, term);
		const inSections = lesson.sections.reduce(
			(sum, s) => sum + count(s.heading, term) * 5 + Math.min(count(s.text, term), 5),
			0,
		);
		if (inTitle + inAbout + inSections === 0) return undefined;
		score += inTitle * 20 + inAbout * 3 + inSections;
	}
	const sectionScore = (s: SearchSection) =>
		terms.reduce((sum, term) => sum + count(s.heading, term) * 5 + count(s.text, term), 0);
	let section: SearchSection | undefined;
	for (const candidate of lesson.sections) {
		if (sectionScore(candidate) > (section ? sectionScore(section) : 0)) section = candidate;
	}
	// A section found by its heading alone shows its opening words, which the heading introduces.
	return {
		lesson,
		...(section?.slug ? { section } : {}),
		snippet: snippet(section?.text || about, terms),
		score,
	};
}

/** The lessons that contain every word of the query, best first. */
export function search(index: SearchIndex, query: string): SearchResult[] {
	const terms = queryTerms(query);
	if (terms.length === 0) return [];
	return index.lessons
		.flatMap((lesson) => rank(lesson, terms) ?? [])
		.sort((a, b) => b.score - a.score);
}
