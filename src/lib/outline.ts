import { basename } from 'node:path';
import { AstroError } from 'astro/errors';
import { assertLabsExist } from './lab-bundle/index.ts';
import { sitePath } from '../shared/site-path.ts';
import type { LessonData } from '../schemas/lesson.ts';
import type { CourseModule } from '../schemas/module.ts';

/** A lesson as loaded by the content layer: its front matter and the file it came from. */
export interface LessonSource {
	/** The content-layer entry id, used to render the lesson. */
	id: string;
	data: LessonData;
	/** The lesson file relative to the project root, used in error messages. */
	filePath: string;
}

export interface OutlineLesson extends LessonData {
	/** The URL segment: the file name without its `NN-` prefix and extension. */
	slug: string;
	/** The page URL, `/lessons/<module>/<slug>/`. */
	url: string;
	id: string;
	filePath: string;
}

export interface OutlineModule extends CourseModule {
	lessons: OutlineLesson[];
	/** The sum of the module's lesson minutes. */
	minutes: number;
}

export interface Outline {
	modules: OutlineModule[];
	/** Every lesson in reading order, across modules. */
	lessons: OutlineLesson[];
	minutes: number;
}

/** The slug a lesson file gets in URLs: `02-status-codes.mdx` becomes `status-codes`. */
export function lessonSlug(filePath: string): string {
	return basename(filePath)
		.replace(/\.mdx$/, '')
		.replace(/^\d+-/, '');
}

/** Orders modules and lessons and checks what the schema alone cannot: that each lesson names a
 * known module and that no two modules or lessons claim the same place. */
export function buildOutline(
	modules: CourseModule[],
	sources: LessonSource[],
	modulesFile: string,
): Outline {
	if (modules.length === 0) {
		throw new AstroError(
			`No modules found in ${modulesFile}.`,
			`Create ${modulesFile} as a YAML list of { id, title, order, description } entries.`,
		);
	}
	const sortedModules = [...modules].sort((a, b) => a.order - b.order);
	assertUniqueOrder(
		sortedModules.map((m) => ({ order: m.order, name: `module "${m.id}"` })),
		modulesFile,
	);
	const byId = new Map<string, OutlineModule>(
		sortedModules.map((m) => [m.id, { ...m, lessons: [], minutes: 0 }]),
	);
	for (const { id, data, filePath } of sources) {
		const module = byId.get(data.module);
		if (!module) {
			throw new AstroError(
				`${filePath}: field "module" names "${data.module}", which is not a module in ${modulesFile}.`,
				`Use one of: ${[...byId.keys()].join(', ')}; or add "${data.module}" to ${modulesFile}.`,
			);
		}
		assertLabsExist(filePath, data.labs);
		const slug = lessonSlug(filePath);
		module.lessons.push({
			...data,
			slug,
			url: sitePath(`lessons/${module.id}/${slug}/`),
			id,
			filePath,
		});
		module.minutes += data.minutes;
	}
	const outlineModules = [...byId.values()];
	for (const module of outlineModules) {
		module.lessons.sort((a, b) => a.order - b.order);
		const where = `module "${module.id}"`;
		assertUniqueOrder(
			module.lessons.map((l) => ({ order: l.order, name: l.filePath })),
			where,
		);
		assertUniqueSlugs(module.lessons);
	}
	const lessons = outlineModules.flatMap((m) => m.lessons);
	const minutes = lessons.reduce((sum, lesson) => sum + lesson.minutes, 0);
	return { modules: outlineModules, lessons, minutes };
}

/** The lessons before and after `url` in reading order, across module boundaries. */
export function neighbours(outline: Outline, url: string) {
	const index = outline.lessons.findIndex((lesson) => lesson.url === url);
	return {
		previous: index > 0 ? outline.lessons[index - 1] : undefined,
		next: index >= 0 ? outline.lessons[index + 1] : undefined,
	};
}

function assertUniqueOrder(items: { order: number; name: string }[], where: string): void {
	const seen = new Map<number, string>();
	for (const { order, name } of items) {
		const other = seen.get(order);
		if (other !== undefined) {
			throw new AstroError(
				`${other} and ${name} both have order ${order} in ${where}.`,
				'Give each one its own "order" number so the outline has a single reading order.',
			);
		}
		seen.set(order, name);
	}
}

function assertUniqueSlugs(lessons: OutlineLesson[]): void {
	const seen = new Map<string, string>();
	for (const lesson of lessons) {
		const other = seen.get(lesson.slug);
		if (other !== undefined) {
			throw new AstroError(
				`${other} and ${lesson.filePath} would both be published at ${lesson.url}.`,
				'Rename one of the files: the part after the NN- prefix must differ within a module.',
			);
		}
		seen.set(lesson.slug, lesson.filePath);
	}
}
