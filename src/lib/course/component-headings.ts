import type { Heading } from '../toc.ts';

// Astro collects a lesson's headings from its Markdown only, so the h2 that <Quiz> and <Takeaways>
// render would be missing from the table of contents and the search index. This finds those
// components in the lesson source and slots their headings in where they stand among the
// Markdown headings, with the same text and id the components render.

const markdownHeading = /^#{1,6}\s/;
const fence = /^\s*(```|~~~)/;
const component = /^\s*<(Quiz|Takeaways)\b/;

/** A heading of the page and the line of the lesson source where it starts. */
export interface PlacedHeading {
	heading: Heading;
	line: number;
}

function componentHeading(name: string, source: string): Heading | undefined {
	if (name === 'Takeaways') return { depth: 2, slug: 'key-takeaways', text: 'Key takeaways' };
	const id = /\bid=(["'])([^"']+)\1/.exec(source)?.[2];
	return id ? { depth: 2, slug: `quiz-${id}`, text: 'Check your understanding' } : undefined;
}

/** Every heading of the page with its source line, in page order. `headings` are the Markdown
 * headings Astro found, in order; they are matched to the Markdown heading lines one by one. */
export function placeHeadings(body: string, headings: readonly Heading[]): PlacedHeading[] {
	const placed: PlacedHeading[] = [];
	let next = 0;
	let inFence = false;
	const lines = body.split('\n');
	lines.forEach((text, line) => {
		if (fence.test(text)) inFence = !inFence;
		if (inFence) return;
		if (markdownHeading.test(text)) {
			const heading = headings[next++];
			if (heading) placed.push({ heading, line });
			return;
		}
		const name = component.exec(text)?.[1];
		if (!name) return;
		// The id may sit on a later line of the tag, so read a few lines on.
		const heading = componentHeading(name, lines.slice(line, line + 4).join('\n'));
		if (heading) placed.push({ heading, line });
	});
	// Headings the scan could not place (written as HTML, say) keep their order at the end.
	for (const heading of headings.slice(next)) placed.push({ heading, line: lines.length });
	return placed;
}

/** The lesson's headings in page order, with those of its <Quiz> and <Takeaways> blocks added. */
export function withComponentHeadings(body: string, headings: readonly Heading[]): Heading[] {
	return placeHeadings(body, headings).map((placed) => placed.heading);
}
