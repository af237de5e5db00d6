/** A heading as returned by Astro's `render()`. */
export interface Heading {
	depth: number;
	slug: string;
	text: string;
}

export interface TocItem extends Heading {
	children: Heading[];
}

/** Nests level-3 headings under the level-2 heading before them; other levels stay out of the
 * table of contents, which would become a second outline of the page otherwise. */
export function tocTree(headings: readonly Heading[]): TocItem[] {
	const items: TocItem[] = [];
	for (const heading of headings) {
		if (heading.depth === 2) items.push({ ...heading, children: [] });
		else if (heading.depth === 3) {
			const parent = items.at(-1);
			// An h3 before any h2 still gets an entry, at the top level.
			if (parent) parent.children.push(heading);
			else items.push({ ...heading, children: [] });
		}
	}
	return items;
}
