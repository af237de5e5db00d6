import { readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

/** The URL of every HTML page in the build that playwright.config.ts served (`E2E_DIST`), found
 * on disk so that a page added later is tested without anyone listing it. `404.html` is reached
 * through a path that does not exist. */
export function builtPages(dist = process.env['E2E_DIST'] ?? 'dist'): string[] {
	const files = readdirSync(dist, { recursive: true, withFileTypes: true })
		.filter((entry) => entry.isFile() && entry.name.endsWith('.html'))
		.map((entry) => relative(dist, join(entry.parentPath, entry.name)).split(sep).join('/'));
	if (files.length === 0)
		throw new Error(`No HTML files under ${dist}/: run "npm run build" first.`);
	return files
		.map((file) => {
			if (file === '404.html') return '/this-page-does-not-exist/';
			return `/${file.replace(/(^|\/)index\.html$/, '$1')}`;
		})
		.sort();
}
