import { fileURLToPath } from 'node:url';
import type { Plugin } from 'vite';

// Astro links the CSS of every module a page's scripts can reach, dynamic imports included, and a
// lesson page route serves every lesson: left alone, Monaco's stylesheets (about 180 KB) would be
// linked on every page of the course. This plugin turns the stylesheets imported by Monaco and by
// the lab workspace into JavaScript that adds a <style> when its chunk runs, so they arrive with
// the editor chunk and nowhere else. Vite still minifies them and rewrites their url()s (the icon
// font), because they go through its `?inline` CSS pipeline first.

const marker = 'lab-inline-css';
const sink = fileURLToPath(new URL('../../client/lab/add-style.ts', import.meta.url));
const owners = [
	'/node_modules/monaco-editor/',
	fileURLToPath(new URL('../../client/lab/', import.meta.url)),
];

function ownedBy(importer: string): boolean {
	const path = importer.replaceAll('\\', '/');
	return owners.some((owner) => path.includes(owner.replaceAll('\\', '/')));
}

export function inlineLabCss(): Plugin {
	return {
		name: 'course:inline-lab-css',
		enforce: 'pre',
		async resolveId(source, importer, options) {
			if (!importer || !/\.css$/.test(source) || !ownedBy(importer)) return null;
			const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
			return resolved ? `${resolved.id}?inline&${marker}` : null;
		},
		transform: {
			order: 'post',
			handler(code, id) {
				if (!id.endsWith(marker)) return null;
				const css = /^export default (".*");?\s*$/s.exec(code)?.[1];
				if (css === undefined) this.error(`Expected an inline stylesheet from Vite for ${id}`);
				return {
					code: `import { addStyle } from ${JSON.stringify(sink)};\naddStyle(${css});\n`,
					map: null,
					moduleSideEffects: true,
				};
			},
		},
	};
}
