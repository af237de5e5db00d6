// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import { satteri } from '@astrojs/markdown-satteri';
import { loadCourseConfig } from './src/lib/course-config.ts';
import { siteHeaders } from './src/lib/deploy-headers.ts';
import { baseLinks } from './src/lib/markdown-base-links.ts';
import { inlineLabCss } from './src/lib/lab-bundle/vite-inline-css.ts';
import { contrastTransformer } from './src/lib/shiki-contrast.ts';
import { codeSearchWeight } from './src/lib/search/code-weight.ts';
import { searchIndex } from './src/lib/search/pagefind-index.ts';

// A fixture course (COURSE_CONTENT_DIR) gets its own content cache, so tests that build fixtures
// never reuse or overwrite the cached entries of the real course.
const contentDir = process.env.COURSE_CONTENT_DIR;
const cacheDir = contentDir
	? `./node_modules/.astro/course-${contentDir.replace(/[^a-zA-Z0-9]+/g, '-')}`
	: undefined;

// A wrong course.config.yaml (or COURSE_CONFIG file) stops the build here, before any page renders.
const { base } = loadCourseConfig();

/**
 * Drops one bundler warning that is not this project's to fix. Astro wraps every MDX page's styles
 * in a module that starts with its own `"use astro:head-inject"` directive
 * (astro/dist/content/vite-plugin-content-assets.js); Astro reads that marker from its module graph
 * before bundling, so rolldown's MODULE_LEVEL_DIRECTIVE warning ("may not be preserved when
 * bundling") is true and harmless, and it printed 20 times a build. Any other directive warns.
 * @type {NonNullable<import('rolldown').InputOptions['onLog']>}
 */
const quietAstroDirective = (level, log, handler) => {
	if (log.code === 'MODULE_LEVEL_DIRECTIVE' && log.message.includes('"use astro:head-inject"'))
		return;
	handler(level, log);
};

export default defineConfig({
	...(cacheDir ? { cacheDir } : {}),
	// The one setting for a sub-path deployment: pages, assets and lesson links all follow it.
	base,
	// searchIndex() runs Pagefind over the finished build, whatever --outDir it was given.
	integrations: [mdx(), searchIndex()],
	trailingSlash: 'always',
	build: { format: 'directory' },
	markdown: {
		processor: satteri({ mdastPlugins: [baseLinks(base)] }),
		shikiConfig: {
			themes: { light: 'github-light-default', dark: 'github-dark-default' },
			// No default colour: CSS picks --shiki-light or --shiki-dark from the page's colour scheme.
			defaultColor: false,
			transformers: [contrastTransformer(), codeSearchWeight()],
		},
	},
	// Lab pages boot a WebContainer, which needs cross-origin isolation on every page a learner can
	// reach; `astro dev` and `astro preview` send the same headers, CSP included, as `scripts/serve.ts`.
	server: { host: '127.0.0.1', headers: siteHeaders },
	devToolbar: { enabled: false },
	// Keeps the lab editor's stylesheets inside its lazily loaded chunk (see the plugin's comment).
	vite: {
		plugins: [inlineLabCss()],
		// Scripts stay files under /_astro/: the CSP (src/lib/deploy-headers.ts) allows no inline
		// script but the theme script. Other assets keep Vite's default inlining.
		build: {
			assetsInlineLimit: (file) => (file.endsWith('.js') ? false : undefined),
			rolldownOptions: { onLog: quietAstroDirective },
		},
	},
});
