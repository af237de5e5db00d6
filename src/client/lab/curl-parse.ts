// Reads back a curl line the harness wrote (src/harness/curl.ts): `curl -i [-X METHOD] URL
// [-H 'Name: value']... [--data|--data-raw 'body']`, words quoted for a POSIX shell. The checks
// panel uses it to put a failed check's request into the request console; a line it cannot read
// (a body sent from a file) gives undefined, and the panel then offers no button.

export interface CurlRequest {
	method: string;
	/** The path and query, as sent. */
	path: string;
	headers: Record<string, string>;
	body?: string;
}

/** Splits a shell line into words: bare words and single-quoted parts with `'\''` inside. */
function words(line: string): string[] | undefined {
	const found: string[] = [];
	let current = '';
	let inWord = false;
	for (let i = 0; i < line.length; i++) {
		const char = line[i] ?? '';
		if (char === "'") {
			const end = line.indexOf("'", i + 1);
			if (end === -1) return undefined;
			current += line.slice(i + 1, end);
			i = end;
			inWord = true;
		} else if (char === '\\' && line[i + 1] === "'") {
			current += "'";
			i++;
			inWord = true;
		} else if (char === ' ') {
			if (inWord) found.push(current);
			current = '';
			inWord = false;
		} else if (char === '#' && !inWord) {
			return undefined;
		} else {
			current += char;
			inWord = true;
		}
	}
	if (inWord) found.push(current);
	return found;
}

export function parseCurl(line: string): CurlRequest | undefined {
	const parts = words(line.trim());
	if (!parts || parts[0] !== 'curl') return undefined;
	const request: CurlRequest = { method: 'GET', path: '/', headers: {} };
	for (let i = 1; i < parts.length; i++) {
		const part = parts[i] ?? '';
		const next = parts[i + 1];
		if (part === '-i') continue;
		if (part === '-X' && next) request.method = next;
		else if (part === '-H' && next) {
			const colon = next.indexOf(':');
			if (colon > 0) request.headers[next.slice(0, colon).trim()] = next.slice(colon + 1).trim();
		} else if ((part === '--data' || part === '--data-raw') && next !== undefined)
			request.body = next;
		else if (/^https?:\/\//.test(part)) {
			const url = /^https?:\/\/[^/]+(\/.*)?$/.exec(part);
			request.path = url?.[1] ?? '/';
			continue;
		} else return undefined;
		i++;
	}
	return request;
}
