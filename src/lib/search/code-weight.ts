import type { ShikiTransformer } from 'shiki';

// Code blocks hold the words a lesson is about (`session`, `cookie`, `listen`) many times over, so
// unweighted they outrank the prose that explains them. Weighted down, a word found only in code
// is still found, but any heading or paragraph that uses it comes first.

/** The Pagefind weight of a code block's words; prose counts 1, headings 2 to 7. */
export const codeWeight = 0.1;

/** A Shiki transformer that gives every highlighted code block the search weight above. */
export function codeSearchWeight(): ShikiTransformer {
	return {
		name: 'course:code-search-weight',
		pre(node) {
			node.properties['data-pagefind-weight'] = String(codeWeight);
		},
	};
}
