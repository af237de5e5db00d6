// Turns Pagefind's answer into the list the search shows: the best sections of the best lessons.
// Pagefind ranks whole pages and splits each page into sections at its headings, but returns a
// page's sections in page order; this ranks them by how well they match, so the section whose
// heading holds the words comes before one that only mentions them. Pure, so node tests check it.

/** One place where a query word was found, as Pagefind weighs it (headings weigh 2 to 7). */
export interface WeightedLocation {
	weight: number;
	balanced_score: number;
	location: number;
}

/** A section of a page: the text under one heading, or the text before the first heading. */
export interface PagefindSubResult {
	title: string;
	url: string;
	excerpt: string;
	weighted_locations?: WeightedLocation[];
	anchor?: { element: string; id: string; text?: string };
}

/** What Pagefind loads for one matching page. */
export interface PagefindPage {
	url: string;
	excerpt: string;
	meta: { title?: string };
	sub_results: PagefindSubResult[];
}

/** One entry of the result list: a link to a section, the lesson it is in, and an excerpt. */
export interface SearchHit {
	/** The heading of the section, or the lesson's title for the text before its first heading. */
	heading: string;
	/** The lesson's title. */
	lesson: string;
	/** The address of the section: the lesson's address with `#heading-id`, or the lesson's. */
	url: string;
	/** Pagefind's excerpt: plain text with the matched words in `<mark>`, HTML-escaped. */
	excerpt: string;
}

/** How many sections of one lesson are listed, so one long lesson cannot fill the whole list. */
export const sectionsPerLesson = 3;

/** The sum of a section's match scores: a word in a heading outweighs many in the text. */
export function sectionScore(section: PagefindSubResult): number {
	return (section.weighted_locations ?? []).reduce((sum, place) => sum + place.balanced_score, 0);
}

/** A page's sections, best first; among equals, the earlier one in the page first. */
export function rankSections(page: PagefindPage): PagefindSubResult[] {
	return page.sub_results
		.map((section, order) => ({ section, order, score: sectionScore(section) }))
		.sort((a, b) => b.score - a.score || a.order - b.order)
		.map(({ section }) => section);
}

/** The hits for pages in Pagefind's order, each page's best sections first. A page without
 * sections (no heading matched and no text before one) is listed as itself. */
export function searchHits(
	pages: readonly PagefindPage[],
	perLesson = sectionsPerLesson,
): SearchHit[] {
	return pages.flatMap((page) => {
		const lesson = page.meta.title ?? page.url;
		const sections = rankSections(page).slice(0, perLesson);
		if (sections.length === 0)
			return [{ heading: lesson, lesson, url: page.url, excerpt: page.excerpt }];
		return sections.map((section) => ({
			heading: section.title || lesson,
			lesson,
			url: section.url,
			excerpt: section.excerpt,
		}));
	});
}
