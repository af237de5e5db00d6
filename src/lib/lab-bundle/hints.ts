import { escapeHtml } from '../escape-html.ts';
import type { LabHint } from '../../shared/lab-bundle.ts';

// Hints are short prose with inline code and the odd code block, so a tiny renderer is enough and
// keeps the workspace free of a Markdown library. Anything it does not know stays plain text.

/** Renders `code` spans (``double-backtick`` ones may hold a backtick) and **bold** in one
 * escaped line of text. */
function inline(text: string): string {
	return escapeHtml(text)
		.replace(
			/``\s?(.+?)\s?``|`([^`]+)`/g,
			(_, wide: string | undefined, narrow: string | undefined) =>
				`<code>${wide ?? narrow ?? ''}</code>`,
		)
		.replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>');
}

/** Renders a hint body: paragraphs separated by blank lines, and fenced code blocks. */
export function renderHintBody(markdown: string): string {
	const html: string[] = [];
	const blocks = markdown.trim().split(/\n(?=```)|(?<=```)\n/);
	for (const block of blocks) {
		const fence = /^```\w*\n([\s\S]*?)\n?```$/.exec(block.trim());
		if (fence) {
			html.push(`<pre><code>${escapeHtml(fence[1] ?? '')}</code></pre>`);
			continue;
		}
		for (const paragraph of block.split(/\n\s*\n/)) {
			const text = paragraph.trim().replace(/\s*\n\s*/g, ' ');
			if (text) html.push(`<p>${inline(text)}</p>`);
		}
	}
	return html.join('');
}

/** Splits `hints.md` into hints: each `## ` heading starts one, in the order they should be
 * revealed. Text before the first heading is an author's note and is not shown. */
export function parseHints(markdown: string): LabHint[] {
	const sections = markdown.replace(/\r\n/g, '\n').split(/^## +/m).slice(1);
	return sections.map((section) => {
		const newline = section.indexOf('\n');
		const title = (newline === -1 ? section : section.slice(0, newline)).trim();
		const body = newline === -1 ? '' : section.slice(newline + 1);
		return { title, html: renderHintBody(body) };
	});
}
