// Lessons link to each other by their address at the site's root, `[layers](/lessons/layers/layers/)`,
// which stays readable for authors whatever the deployment. This Markdown plugin puts those links
// under the configured base path at build time, so a course served from a sub-path keeps them working.
import { defineMdastPlugin } from 'satteri';
import { joinBase } from './site-path.ts';

/** Rewrites root-relative link and image addresses (`/x`, not `//host/x`) to `<base>x`. */
export function baseLinks(base: string) {
	const rewrite = (url: string) => (url.startsWith('/') && !url.startsWith('//') ? joinBase(base, url) : url);
	return defineMdastPlugin({
		name: 'course-base-links',
		link(node, ctx) {
			const url = rewrite(node.url);
			if (url !== node.url) ctx.setProperty(node, 'url', url);
		},
		image(node, ctx) {
			const url = rewrite(node.url);
			if (url !== node.url) ctx.setProperty(node, 'url', url);
		},
		definition(node, ctx) {
			const url = rewrite(node.url);
			if (url !== node.url) ctx.setProperty(node, 'url', url);
		},
	});
}
