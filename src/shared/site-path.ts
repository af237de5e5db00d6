// Every link and fetch inside the site goes through here, so the course works the same at a
// domain's root and under a sub-path (the `base` setting of course.config.yaml, which Astro and Vite
// expose as import.meta.env.BASE_URL, always with a trailing slash).

/** The path the site is served under, such as `/` or `/courses/client-server/`. Outside Astro and
 * Vite (node tests importing the outline), there is no base and the site sits at the root. */
export const basePath: string = import.meta.env?.BASE_URL ?? '/';

/** The address of a page or file of the site, from its path at the site's root: `lessons/x/` or
 * `/lessons/x/` both become `<base>lessons/x/`. */
export function sitePath(path: string): string {
	return joinBase(basePath, path);
}

/** Puts a root-relative path under a base path; addresses with a scheme or host stay as they are. */
export function joinBase(base: string, path: string): string {
	if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(path)) return path;
	const folder = base.endsWith('/') ? base : `${base}/`;
	return folder + path.replace(/^\/+/, '');
}
