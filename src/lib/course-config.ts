// Reads and checks course.config.yaml once per process. astro.config.mjs loads it first, so a wrong
// value stops the build before any page is rendered, with the setting and the fix named.
// COURSE_CONFIG points the build at another file (the tests use fixture configurations).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AstroError } from 'astro/errors';
import { parse } from 'yaml';
import { CourseConfigSchema, type CourseConfig } from '../schemas/course-config.ts';
import { contrastRatio } from '../shared/contrast.ts';

/** The configuration file, relative to the project root. */
export const courseConfigFile: string = process.env['COURSE_CONFIG'] ?? 'course.config.yaml';

/** The backgrounds the accent is drawn on or against, read from the stylesheet that defines them. */
const backgroundTokens = ['--bg', '--surface', '--accent-surface'];
const tokensFile = 'src/styles/tokens.css';

function backgrounds(scheme: 'light' | 'dark'): { token: string; colour: string }[] {
	const css = readFileSync(tokensFile, 'utf8');
	return backgroundTokens.map((token) => {
		const match = new RegExp(
			`${token}:\\s*light-dark\\((#[0-9a-f]{6}),\\s*(#[0-9a-f]{6})\\)`,
			'i',
		).exec(css);
		if (!match?.[1] || !match[2]) {
			throw new AstroError(
				`${tokensFile}: ${token} is not written as light-dark(#rrggbb, #rrggbb).`,
			);
		}
		return { token, colour: scheme === 'light' ? match[1] : match[2] };
	});
}

function fail(path: string, problem: string, hint: string): never {
	throw new AstroError(`${courseConfigFile}: ${path} ${problem}`, hint);
}

function checkContrast(config: CourseConfig): void {
	for (const scheme of ['light', 'dark'] as const) {
		const accent = config.colors[scheme].accent;
		for (const { token, colour } of backgrounds(scheme)) {
			const ratio = contrastRatio(accent, colour);
			if (ratio < 4.5) {
				fail(
					`colors.${scheme}.accent`,
					`"${accent}" has a contrast ratio of ${ratio.toFixed(2)}:1 with the ${scheme} background ${token} (${colour}); WCAG AA needs 4.5:1.`,
					`Pick a ${scheme === 'light' ? 'darker' : 'lighter'} accent for the ${scheme} scheme.`,
				);
			}
		}
	}
}

/** Parses and checks a configuration text; `file` only names it in errors. */
export function parseCourseConfig(text: string): CourseConfig {
	let raw: unknown;
	try {
		raw = parse(text) ?? {};
	} catch (error) {
		fail(
			'',
			`is not valid YAML: ${(error as Error).message}`,
			'Fix the YAML syntax at the line shown.',
		);
	}
	const result = CourseConfigSchema.safeParse(raw);
	if (!result.success) {
		const issue = result.error.issues[0];
		const path = issue?.path.join('.') || '(top level)';
		const value = issue?.path.reduce<unknown>(
			(node, key) => (node as Record<PropertyKey, unknown> | undefined)?.[key],
			raw,
		);
		const shown = typeof value === 'string' ? `"${value}" ` : '';
		fail(
			path,
			`${shown}${issue?.message ?? 'is not valid'}`,
			'See "Configuring the course" in README.md for every setting and its values.',
		);
	}
	const config = result.data;
	if (config.logo && !existsSync(join('public', config.logo))) {
		fail(
			'logo',
			`"${config.logo}" does not exist under public/.`,
			`Add public${config.logo} or remove the logo setting.`,
		);
	}
	checkContrast(config);
	return config;
}

let loaded: CourseConfig | undefined;

/** The course configuration; a missing file means every default but the title. */
export function loadCourseConfig(): CourseConfig {
	if (loaded) return loaded;
	if (!existsSync(courseConfigFile)) {
		throw new AstroError(
			`${courseConfigFile} does not exist.`,
			'Create it with at least a title: see "Configuring the course" in README.md.',
		);
	}
	loaded = parseCourseConfig(readFileSync(courseConfigFile, 'utf8'));
	return loaded;
}

/** Whether lessons of a module are published. */
export function isModuleShown(config: CourseConfig, moduleId: string): boolean {
	return config.modules === 'all' || config.modules.includes(moduleId);
}
