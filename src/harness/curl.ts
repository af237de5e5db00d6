import type { GraderRequestLine } from './types.ts';

/** Bodies longer than this, or not text, are shown as a file rather than inline. */
const INLINE_BODY_LIMIT = 300;

/** Renders a request as a `curl` command a learner can paste into a shell to reproduce it. */
export function curlLine(request: GraderRequestLine): string {
	const parts = ['curl', '-i'];
	if (request.method !== 'GET' || request.body !== undefined) parts.push('-X', request.method);
	parts.push(shellQuote(request.url));
	for (const [name, value] of Object.entries(request.headers ?? {})) {
		parts.push('-H', shellQuote(`${name}: ${value}`));
	}
	if (request.body === undefined) return parts.join(' ');
	const bytes =
		typeof request.body === 'string' ? new TextEncoder().encode(request.body) : request.body;
	const text = printableText(bytes);
	if (text !== undefined && text.length <= INLINE_BODY_LIMIT) {
		// `--data` would read a file for a body starting with @; `--data-raw` never does.
		parts.push(text.startsWith('@') ? '--data-raw' : '--data', shellQuote(text));
		return parts.join(' ');
	}
	parts.push('--data-binary', '@body.bin');
	return `${parts.join(' ')}  # body.bin: the ${bytes.length}-byte request body`;
}

/** Quotes a word for a POSIX shell, leaving plain words bare so the line stays readable. */
export function shellQuote(word: string): string {
	if (/^[\w@%+=:,./-]+$/.test(word)) return word;
	return `'${word.replaceAll("'", `'\\''`)}'`;
}

/** The body as text if it is valid UTF-8 without control characters other than tab. */
function printableText(bytes: Uint8Array): string | undefined {
	try {
		const text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
		// Newlines are kept out too: the curl line must stay on one line of the report.
		return /[\u0000-\u0008\u000a-\u001f\u007f]/.test(text) ? undefined : text;
	} catch {
		return undefined;
	}
}
