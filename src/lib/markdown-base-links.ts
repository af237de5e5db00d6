// Lessons link to each other by their address at the site's root, `[layers](/lessons/layers/layers/)`,
// which stays readable for authors whatever the deployment. This Markdown plugin puts those links
// under the configured base path at build time, so a course served from a sub-path keeps them working.
import { defineMdastPlugin, type MdastVisitorContext } from 'satteri';
import type { Definition, Image, Link } from 'mdast';
import { joinBase } from '../shared/site-path.ts';

/** Rewrites root-relative link and image addresses (`/x`, not `//host/x`) to `<base>x`. */
export function baseLinks(base: string) {
	const move = <N extends Link | Image | Definition>(
		node: Readonly<N>,
		ctx: MdastVisitorContext,
	) => {
		if (node.url.startsWith('/') && !node.url.startsWith('//')) {
			ctx.setProperty<N, 'url'>(node, 'url', joinBase(base, node.url));
		}
	};
	return defineMdastPlugin({
		name: 'course-base-links',
		link: move,
		image: move,
		definition: move,
	});
}
