import { realpath, stat } from 'node:fs/promises';
import { join, resolve, sep } from 'node:path';

/** What a request path maps to inside the served folder. */
export type Resolved =
	| { kind: 'file'; path: string; size: number }
	/** A folder asked for without its trailing slash: send the browser to `location`. */
	| { kind: 'redirect'; location: string }
	| { kind: 'not-found' }
	/** A path that would leave the folder (`..`, an encoded slash, a symlink out). */
	| { kind: 'forbidden' }
	| { kind: 'bad-request' };

function inside(root: string, path: string): boolean {
	return path === root || path.startsWith(root + sep);
}

async function fileAt(
	path: string,
): Promise<{ path: string; size: number; dir: boolean } | undefined> {
	try {
		const info = await stat(path);
		return { path, size: info.size, dir: info.isDirectory() };
	} catch {
		return undefined;
	}
}

/** Maps a URL pathname to a file under `root` (an absolute, real path), the way static hosts do:
 * `/a/` serves `a/index.html` and `/a` redirects to `/a/`. */
export async function resolveFile(root: string, pathname: string): Promise<Resolved> {
	let decoded: string;
	try {
		decoded = decodeURIComponent(pathname);
	} catch {
		return { kind: 'bad-request' };
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return { kind: 'bad-request' };
	const target = resolve(root, `.${decoded}`);
	if (!inside(root, target)) return { kind: 'forbidden' };
	let found = await fileAt(target);
	if (found?.dir) {
		if (!pathname.endsWith('/')) return { kind: 'redirect', location: `${pathname}/` };
		found = await fileAt(join(target, 'index.html'));
	}
	if (!found || found.dir) return { kind: 'not-found' };
	// A symlink inside the folder could still point outside it.
	if (!inside(root, await realpath(found.path))) return { kind: 'forbidden' };
	return { kind: 'file', path: found.path, size: found.size };
}
