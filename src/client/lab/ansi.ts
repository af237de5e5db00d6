import { h } from './dom.ts';

// Learner programs and the harness colour their output with ANSI SGR codes. This turns one line
// into spans with classes for the 16 basic colours, bold, dim and underline, and drops every other
// escape sequence. Text goes in as text nodes, so nothing in the output can become markup.

const sgr = /\x1b\[([0-9;]*)m/g;
/** Cursor moves, erases and other control sequences that have no meaning in a log panel. */
const otherEscapes = /\x1b\[[0-9;?]*[A-Za-ln-z]|\x1b\][^\x07]*\x07|\x1b[()][A-Za-z0-9]|\r/g;

interface Style {
	fg?: number;
	bg?: number;
	bold?: boolean;
	dim?: boolean;
	underline?: boolean;
}

/** Applies one SGR parameter list to the current style. */
function apply(style: Style, params: string): Style {
	const codes = params === '' ? [0] : params.split(';').map(Number);
	let next: Style = { ...style };
	for (const code of codes) {
		if (code === 0) next = {};
		else if (code === 1) next.bold = true;
		else if (code === 2) next.dim = true;
		else if (code === 4) next.underline = true;
		else if (code === 22) next = { ...next, bold: false, dim: false };
		else if (code === 24) next.underline = false;
		else if (code >= 30 && code <= 37) next.fg = code - 30;
		else if (code >= 90 && code <= 97) next.fg = code - 90 + 8;
		else if (code === 39) delete next.fg;
		else if (code >= 40 && code <= 47) next.bg = code - 40;
		else if (code >= 100 && code <= 107) next.bg = code - 100 + 8;
		else if (code === 49) delete next.bg;
	}
	return next;
}

function classes(style: Style): string {
	const names: string[] = [];
	if (style.fg !== undefined) names.push(`ansi-fg-${style.fg}`);
	if (style.bg !== undefined) names.push(`ansi-bg-${style.bg}`);
	if (style.bold) names.push('ansi-bold');
	if (style.dim) names.push('ansi-dim');
	if (style.underline) names.push('ansi-underline');
	return names.join(' ');
}

/** Removes every escape sequence, for matching and for screen-reader text. */
export function stripAnsi(line: string): string {
	return line.replace(sgr, '').replace(otherEscapes, '');
}

/** Renders one line of output as a fragment of text nodes and styled spans. */
export function ansiToFragment(line: string): DocumentFragment {
	const fragment = document.createDocumentFragment();
	const text = line.replace(otherEscapes, '');
	let style: Style = {};
	let last = 0;
	const push = (chunk: string) => {
		if (chunk === '') return;
		const names = classes(style);
		fragment.append(names ? h('span', { class: names }, chunk) : document.createTextNode(chunk));
	};
	for (const match of text.matchAll(sgr)) {
		push(text.slice(last, match.index));
		style = apply(style, match[1] ?? '');
		last = match.index + match[0].length;
	}
	push(text.slice(last));
	return fragment;
}
