import { z } from 'astro/zod';
import { KebabIdSchema } from './kebab-id.ts';

/** One module of the course, as listed in `modules.yaml`. */
export const ModuleSchema = z
	.object({
		/** The module id that lessons name in their `module` field; it is also the URL segment. */
		id: KebabIdSchema,
		/** The module title shown in the outline. Required. */
		title: z.string().min(1),
		/** The position of the module in the course, starting at 1. */
		order: z.number().int().positive(),
		/** One or two sentences saying what the module covers, shown on the home page. */
		description: z.string().min(1),
	})
	.strict();

export type CourseModule = z.infer<typeof ModuleSchema>;
