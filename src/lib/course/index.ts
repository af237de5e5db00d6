import { getCollection } from 'astro:content';
import { AstroError } from 'astro/errors';
import { contentDir } from '../content-paths.ts';
import { courseConfigFile, isModuleShown, loadCourseConfig } from '../course-config.ts';
import { buildOutline, type Outline } from '../outline.ts';

// The course as the site build reads it. This file gives the pages the outline; the rest of the
// folder serves components: quiz keys (quiz.ts), the headings that components add to a lesson
// (component-headings.ts) and element ids unique within a page (unique-id.ts).

let cached: Promise<Outline> | undefined;

/** The course outline, built once per build: every page renders the same sidebar. */
export function getOutline(): Promise<Outline> {
	cached ??= load();
	return cached;
}

async function load(): Promise<Outline> {
	const [modules, lessons] = await Promise.all([
		getCollection('modules'),
		getCollection('lessons'),
	]);
	const config = loadCourseConfig();
	const known = modules.map((entry) => entry.data.id);
	for (const id of config.modules === 'all' ? [] : config.modules) {
		if (!known.includes(id)) {
			throw new AstroError(
				`${courseConfigFile}: modules names "${id}", which is not a module in ${contentDir}/modules.yaml.`,
				`Use some of: ${known.join(', ')}; or write "modules: all".`,
			);
		}
	}
	// Lessons of a module the course hides are left out of the outline, so no page is built for them.
	const sources = lessons
		.filter((entry) => isModuleShown(config, entry.data.module))
		.map((entry) => ({
			id: entry.id,
			data: entry.data,
			filePath: entry.filePath ?? `${contentDir}/lessons/${entry.id}.mdx`,
		}));
	return buildOutline(
		modules.map((entry) => entry.data).filter((module) => isModuleShown(config, module.id)),
		sources,
		`${contentDir}/modules.yaml`,
	);
}
