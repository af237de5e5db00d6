import { createHighlighterCore } from '@shikijs/core';
import { createJavaScriptRegexEngine } from '@shikijs/engine-javascript';
import { shikiToMonaco } from '@shikijs/monaco';
import javascript from '@shikijs/langs/javascript';
import json from '@shikijs/langs/json';
import githubDark from '@shikijs/themes/github-dark-default';
import githubLight from '@shikijs/themes/github-light-default';
import type * as Monaco from 'monaco-editor/editor';
import type { ThemeRegistration } from '@shikijs/types';
import { ensureContrast } from '../../../shared/contrast.ts';

// The editor uses the same shiki themes as the site's static code blocks (astro.config.mjs), and
// follows the site's switch: `data-theme` on <html> when the learner picked one, the system's
// colour scheme otherwise (src/client/theme-toggle.ts). The JavaScript regex engine avoids
// shipping shiki's WebAssembly engine for two grammars.

const themes = { light: 'github-light-default', dark: 'github-dark-default' } as const;

/** The contrast the site's code blocks keep (src/lib/shiki-contrast.ts), so both look the same. */
const minRatio = 4.6;

/** Changed text in the solution diff is outlined rather than tinted: a tinted background would
 * push comments and other muted tokens below the contrast they keep everywhere else. */
function diffColours(dark: boolean): Record<string, string> {
	const none = '#00000000';
	return {
		'diffEditor.insertedTextBackground': none,
		'diffEditor.removedTextBackground': none,
		'diffEditor.insertedLineBackground': none,
		'diffEditor.removedLineBackground': none,
		'diffEditor.insertedTextBorder': dark ? '#3fb950' : '#1a7f37',
		'diffEditor.removedTextBorder': dark ? '#ff7b72' : '#cf222e',
		'diffEditorGutter.insertedLineBackground': dark ? '#12261e' : '#dafbe1',
		'diffEditorGutter.removedLineBackground': dark ? '#3c1618' : '#ffebe9',
	};
}

/** A copy of a theme whose token colours and line numbers reach `minRatio` on its background. */
function raiseContrast(theme: ThemeRegistration): ThemeRegistration {
	const colors = theme.colors ?? {};
	const background = colors['editor.background'] ?? (theme.type === 'dark' ? '#0d1117' : '#ffffff');
	const fix = (colour: string | undefined) =>
		colour && ensureContrast(colour, background, minRatio);
	const diff = diffColours(theme.type === 'dark');
	// Line numbers also sit on the diff gutter's tints, so they must be readable there too.
	const lineNumbers = [
		diff['diffEditorGutter.insertedLineBackground'] ?? background,
		diff['diffEditorGutter.removedLineBackground'] ?? background,
	].reduce(
		(colour, tint) => ensureContrast(colour, tint, minRatio),
		fix(colors['editorLineNumber.foreground']) ?? '#808080',
	);
	return {
		...theme,
		colors: { ...colors, ...diff, 'editorLineNumber.foreground': lineNumbers },
		tokenColors: (theme.tokenColors ?? []).map((rule) => {
			const foreground = fix(rule.settings.foreground);
			return foreground ? { ...rule, settings: { ...rule.settings, foreground } } : rule;
		}),
	};
}

function isDark(system: MediaQueryList): boolean {
	const chosen = document.documentElement.dataset['theme'];
	return chosen === undefined ? system.matches : chosen === 'dark';
}

/** Gives Monaco shiki's grammars and themes, and keeps the theme in step with the page. */
export async function applySiteTheme(monaco: typeof Monaco): Promise<void> {
	const highlighter = await createHighlighterCore({
		themes: [raiseContrast(githubLight), raiseContrast(githubDark)],
		langs: [javascript, json],
		engine: createJavaScriptRegexEngine(),
	});
	// Monaco registers no JSON language in this build; shiki can only colour registered languages.
	monaco.languages.register({ id: 'json', extensions: ['.json'], aliases: ['JSON'] });
	// shiki stops tokenizing a line after 500 ms by default and carries a broken state to the lines
	// below, so on a loaded machine (the JavaScript regex engine compiles a grammar's patterns on
	// first use) a block comment's end is missed and the rest of the file is coloured as code. Lab
	// files are short, hand-written lines: a generous limit costs nothing on a fast machine and keeps
	// the colours right on a slow one, and lines longer than any lab's are left plain instead.
	shikiToMonaco(highlighter, monaco, { tokenizeTimeLimit: 10_000, tokenizeMaxLineLength: 2_000 });
	const system = matchMedia('(prefers-color-scheme: dark)');
	const sync = () => monaco.editor.setTheme(isDark(system) ? themes.dark : themes.light);
	sync();
	system.addEventListener('change', sync);
	new MutationObserver(sync).observe(document.documentElement, {
		attributes: true,
		attributeFilter: ['data-theme'],
	});
}
