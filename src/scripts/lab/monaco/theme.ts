import { createHighlighterCore } from '@shikijs/core';
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript';
import { shikiToMonaco } from '@shikijs/monaco';
import javascript from '@shikijs/langs/javascript';
import json from '@shikijs/langs/json';
import githubDark from '@shikijs/themes/github-dark-default';
import githubLight from '@shikijs/themes/github-light-default';
import type * as Monaco from 'monaco-editor/editor';

// The editor uses the same shiki themes as the site's static code blocks (astro.config.mjs), and
// follows the site's switch: `data-theme` on <html> when the learner picked one, the system's
// colour scheme otherwise (src/scripts/theme-toggle.ts). The JavaScript regex engine avoids
// shipping shiki's WebAssembly engine for two grammars.

const themes = { light: 'github-light-default', dark: 'github-dark-default' } as const;

function isDark(system: MediaQueryList): boolean {
	const chosen = document.documentElement.dataset['theme'];
	return chosen === undefined ? system.matches : chosen === 'dark';
}

/** Gives Monaco shiki's grammars and themes, and keeps the theme in step with the page. */
export async function applySiteTheme(monaco: typeof Monaco): Promise<void> {
	const highlighter = await createHighlighterCore({
		themes: [githubLight, githubDark],
		langs: [javascript, json],
		engine: createJavaScriptRegexEngine(),
	});
	// Monaco registers no JSON language in this build; shiki can only colour registered languages.
	monaco.languages.register({ id: 'json', extensions: ['.json'], aliases: ['JSON'] });
	shikiToMonaco(highlighter, monaco);
	const system = matchMedia('(prefers-color-scheme: dark)');
	const sync = () => monaco.editor.setTheme(isDark(system) ? themes.dark : themes.light);
	sync();
	system.addEventListener('change', sync);
	new MutationObserver(sync).observe(document.documentElement, {
		attributes: true,
		attributeFilter: ['data-theme'],
	});
}
