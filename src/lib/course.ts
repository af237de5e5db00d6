import { getCollection } from 'astro:content';
import { contentDir } from './content-paths.ts';
import { buildOutline, type Outline } from './outline.ts';

let cached: Promise<Outline> | undefined;

/** The course outline, built once per build: every page renders the same sidebar. */
export function getOutline(): Promise<Outline> {
	cached ??= load();
	return cached;
}

async function load(): Promise<Outline> {
	const [modules, lessons] = await Promise.all([getCollection('modules'), getCollection('lessons')]);
	const sources = lessons.map((entry) => ({
		id: entry.id,
		data: entry.data,
		filePath: entry.filePath ?? `${contentDir}/lessons/${entry.id}.mdx`,
	}));
	return buildOutline(
		modules.map((entry) => entry.data),
		sources,
		`${contentDir}/modules.yaml`,
	);
}
