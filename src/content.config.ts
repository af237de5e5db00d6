import { defineCollection } from 'astro:content';
import { file, glob } from 'astro/loaders';
import { contentDir } from './lib/content-paths.ts';
import { LessonSchema } from './schemas/lesson.ts';
import { ModuleSchema } from './schemas/module.ts';

// Files starting with an underscore are drafts or partials and never become pages.
const lessons = defineCollection({
	loader: glob({ base: `${contentDir}/lessons`, pattern: '**/[^_]*.mdx' }),
	schema: LessonSchema,
});

const modules = defineCollection({
	loader: file(`${contentDir}/modules.yaml`),
	schema: ModuleSchema,
});

export const collections = { lessons, modules };
