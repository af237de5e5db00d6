// Turns a lesson's MDX source into the plain words a learner would search for: Markdown and HTML
// markup go, link and code text stays, and the words inside lesson components (quiz questions,
// reflective prompts, diagram descriptions) are kept because learners read them on the page.

const componentText = /\b(?:prompt|text|title|description)\s*[:=]\s*(["'])((?:\\.|(?!\1).)*)\1/g;

/** The text inside one line of a component tag: the string values of its reading props. */
function propsText(line: string): string {
	return [...line.matchAll(componentText)]
		.map((match) => (match[2] ?? '').replace(/\\(.)/g, '$1').replaceAll('`', ''))
		.join(' ');
}

function markdownText(line: string): string {
	return (
		line
			.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
			.replace(/<\/?[A-Za-z][^>]*>/g, ' ')
			.replace(/^\s{0,3}(?:#{1,6}|>|[-*+]|\d+\.)\s+/, '')
			.replace(/`/g, '')
			// Underscores stay: in this course they are far more often part of a name than emphasis.
			.replace(/[*|]+/g, ' ')
			// A table's divider row (`| --- | :-: |`) or a rule (`---`) leaves only dashes and colons.
			.replace(/^[\s:-]+$/, '')
	);
}

/** The plain text of MDX lines, one output line per input line that has any words. */
export function plainText(lines: readonly string[]): string {
	const out: string[] = [];
	let inFence = false;
	let inTag = false;
	for (const line of lines) {
		if (/^\s*(```|~~~)/.test(line)) {
			inFence = !inFence;
			continue;
		}
		if (inFence) {
			out.push(line.trim());
			continue;
		}
		if (/^(import|export)\s/.test(line)) continue;
		// A component tag may span many lines of props; only its string props are read.
		if (inTag || /^\s*<[A-Z]/.test(line)) {
			out.push(propsText(line));
			// The tag ends on the line that closes it with `>` or `/>`.
			inTag = !/>\s*$/.test(line);
			continue;
		}
		if (/^\s*<\/[A-Z]/.test(line)) continue;
		out.push(markdownText(line));
	}
	return out
		.map((line) => line.replace(/\s+/g, ' ').trim())
		.filter(Boolean)
		.join('\n');
}
