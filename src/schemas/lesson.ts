import { z } from 'astro/zod';
import { KebabIdSchema } from './kebab-id.ts';
import { LabIdsSchema } from './lab-ids.ts';

/** The front matter of a lesson file, `content/lessons/<NN-module>/<NN-slug>.mdx`. */
export const LessonSchema = z
	.object({
		/** The title of the lesson, shown as its heading and in the outline. Required. */
		title: z.string().min(1),
		/** A one-sentence summary for the outline and the page description, at most 200 characters. */
		description: z.string().min(1).max(200),
		/** The id of the module the lesson belongs to; it must be listed in `modules.yaml`. */
		module: KebabIdSchema,
		/** The position of the lesson within its module, starting at 1. */
		order: z.number().int().positive(),
		/** What a learner can do after the lesson: one to eight short sentences. */
		objectives: z.array(z.string().min(1)).min(1).max(8),
		/** The estimated time to read the lesson and do its labs, in minutes. */
		minutes: z.number().int().positive(),
		/** The ids of the labs the lesson links to, each a folder `labs/<id>/` with a `checks.ts`. */
		labs: LabIdsSchema,
	})
	.strict();

export type LessonData = z.infer<typeof LessonSchema>;
