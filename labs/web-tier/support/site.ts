// A random website on disk for one check: the folder given as PUBLIC_DIR, with files of every type
// the contract names, plus secret files beside it that no request may ever reveal.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { CheckContext } from '../../../src/harness/index.ts';
import { randomBytes } from '../../shared/http/bytes.ts';

/** The media type the contract gives each extension; anything else is application/octet-stream. */
export const TYPES: Record<string, string> = {
	html: 'text/html',
	css: 'text/css',
	js: 'text/javascript',
	json: 'application/json',
	txt: 'text/plain',
	svg: 'image/svg+xml',
	png: 'image/png',
	jpg: 'image/jpeg',
};
export const UNKNOWN_TYPE = 'application/octet-stream';

/** Older names that browsers still honour, so a server that sends them is right too. */
const ALIASES: Record<string, string[]> = { 'text/javascript': ['application/javascript'] };

/** True when `got` is the media type the contract gives, or an accepted older name of it. */
export function sameMediaType(expected: string, got: string | undefined): boolean {
	return got === expected || (got !== undefined && (ALIASES[expected] ?? []).includes(got));
}

export interface SiteFile {
	/** The request path that names it, percent-encoded where its name needs it. */
	url: string;
	bytes: Uint8Array;
	/** The media type the contract expects for it. */
	type: string;
}

export interface Secret {
	/** Its absolute path on disk, outside PUBLIC_DIR. */
	path: string;
	/** Text that appears in the file and nowhere inside PUBLIC_DIR. */
	token: string;
}

export interface Site {
	/** PUBLIC_DIR: an absolute path. */
	dir: string;
	/** The folder's own name, which a sibling folder's name starts with. */
	name: string;
	/** Every file, one per extension in TYPES and more: nested, unknown types, no extension. */
	files: SiteFile[];
	/** `index.html` files by the folder path that serves them: `/` and `/<folder>/`. */
	indexes: Map<string, SiteFile>;
	/** A folder (no trailing slash) that holds files but no index.html. */
	bareFolder: string;
	/** Files whose names need percent-encoding (a space, `ü`, `%`) or hold a `+`. */
	encoded: SiteFile[];
	/** A file at the top whose name starts with `api` but not `/api/`, so it is static. */
	apiLookalike: SiteFile;
	/** One beside PUBLIC_DIR, one in a sibling folder whose name starts with PUBLIC_DIR's. */
	secrets: Secret[];
	/** The sibling folder's name, for the requests that try to reach it. */
	sibling: string;
	remove(): Promise<void>;
}

const encoder = new TextEncoder();

function withHeader(header: number[], body: Uint8Array): Uint8Array {
	const bytes = new Uint8Array(header.length + body.length);
	bytes.set(header);
	bytes.set(body, header.length);
	return bytes;
}

/** Plausible content for each extension. The images are a real signature followed by random bytes,
 * which are not valid UTF-8, so a program that reads files as text corrupts them. */
function content(ctx: CheckContext, ext: string, title: string): Uint8Array {
	const { word, int } = ctx.random;
	const text = (value: string) => encoder.encode(value);
	if (ext === 'html')
		return text(`<!doctype html>\n<title>${title}</title>\n<p>${word(7)} ✓</p>\n`);
	if (ext === 'css') return text(`.${word(5)} { margin: ${int(1, 40)}px; }\n`);
	if (ext === 'js') return text(`console.log('${title}', ${int(1, 999)});\n`);
	if (ext === 'json') return text(`${JSON.stringify({ title, n: int(1, 999), city: 'Zürich' })}\n`);
	if (ext === 'svg')
		return text(`<svg xmlns="http://www.w3.org/2000/svg"><title>${title}</title></svg>\n`);
	if (ext === 'png')
		return withHeader(
			[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
			randomBytes(ctx, int(60_000, 300_000)),
		);
	if (ext === 'jpg')
		return withHeader([0xff, 0xd8, 0xff, 0xe0], randomBytes(ctx, int(2000, 20_000)));
	if (ext === 'txt') return text(`${title}: ${word(8)} ${word(4)} °C\n`);
	return randomBytes(ctx, int(100, 5000));
}

/** Builds the site in a fresh temporary folder. The caller must `remove()` it in a `finally`. */
export async function makeSite(ctx: CheckContext): Promise<Site> {
	const { word, id, pick } = ctx.random;
	const root = await mkdtemp(join(tmpdir(), 'lab-web-tier-'));
	const name = word(5);
	const dir = join(root, name);
	const sibling = `${name}-${word(3)}`;
	const write = async (path: string, bytes: Uint8Array) => {
		await mkdir(dirname(path), { recursive: true });
		await writeFile(path, bytes);
	};
	const files: SiteFile[] = [];
	const add = async (folder: string, file: string, ext: string, url = `${folder}/${file}`) => {
		const bytes = content(ctx, ext, file);
		await write(
			join(dir, ...folder.split('/'), decodeURIComponent(url.split('/').at(-1) ?? '')),
			bytes,
		);
		const entry = { url, bytes, type: TYPES[ext] ?? UNKNOWN_TYPE };
		files.push(entry);
		return entry;
	};
	const nested = `/${word(4)}`;
	const deeper = `${nested}/${word(6)}`;
	const bareFolder = `/${word(7)}`;
	const indexes = new Map<string, SiteFile>();
	indexes.set('/', await add('', 'index.html', 'html'));
	indexes.set(`${nested}/`, await add(nested, 'index.html', 'html'));
	for (const ext of Object.keys(TYPES))
		await add(pick(['', nested, deeper]), `${id(word(4))}.${ext}`, ext);
	await add(deeper, `${id(word(3))}.${pick(['dat', 'bin', 'raw'])}`, 'unknown');
	await add('', id(word(5)), 'unknown');
	await add(bareFolder, `${id(word(4))}.txt`, 'txt');
	const apiLookalike = await add('', `api${word(4)}.txt`, 'txt');
	const spaced = `${word(4)} ${word(3)} ü.txt`;
	const symbols = `${word(3)}+${word(3)}%${word(2)}.json`;
	const encoded = [
		await add('', spaced, 'txt', `/${encodeURIComponent(spaced)}`),
		await add(
			nested,
			symbols,
			'json',
			`${nested}/${encodeURIComponent(symbols).replace('%2B', '+')}`,
		),
	];
	const secrets: Secret[] = [];
	for (const path of [
		join(root, `${id('secret')}.txt`),
		join(root, sibling, `${id('secret')}.txt`),
	]) {
		const token = id('top-secret');
		await write(path, encoder.encode(`${token}\n`));
		secrets.push({ path, token });
	}
	const remove = () => rm(root, { recursive: true, force: true, maxRetries: 3 });
	return { dir, name, files, indexes, bareFolder, encoded, apiLookalike, secrets, sibling, remove };
}
