import { z } from 'astro/zod';
import { KebabIdSchema } from './kebab-id.ts';

/** A colour written `#rrggbb`, the form the contrast check can measure. */
const HexColourSchema = z.string().regex(/^#[0-9a-fA-F]{6}$/, { message: 'is not a hex colour' });

/** The colours of one colour scheme. */
const SchemeColoursSchema = z
	.object({
		/** Links, the current lesson in the outline and primary buttons. It must keep a contrast
		 * ratio of 4.5:1 with every background of the scheme it is used on. */
		accent: HexColourSchema,
	})
	.strict();

/** The course's own settings, in `course.config.yaml` at the project root. */
export const CourseConfigSchema = z
	.object({
		/** The course title, shown in the site header and in every page's `<title>`. Required. */
		title: z.string().trim().min(1, { message: 'must not be empty' }),
		/** A logo shown before the title in the header: a path under `public/`, such as `/logo.svg`.
		 * Optional; without it the header shows the title alone. */
		logo: z
			.string()
			.regex(/^\/[^\s]*\.(svg|png|webp|avif|jpg|jpeg)$/, {
				message: 'must be a path under public/ such as "/logo.svg"',
			})
			.optional(),
		/** Accent colours for the light and the dark colour scheme. Optional; the defaults are the
		 * site's own blues. */
		colors: z
			.object({
				/** Colours used when the page is light. */
				light: SchemeColoursSchema,
				/** Colours used when the page is dark. */
				dark: SchemeColoursSchema,
			})
			.strict()
			.default({ light: { accent: '#0550ae' }, dark: { accent: '#6cb6ff' } }),
		/** The module ids (from content/modules.yaml) whose lessons are published, or `all`. Lessons
		 * of other modules are not built. Optional; defaults to `all`. */
		modules: z.union([z.literal('all'), z.array(KebabIdSchema).min(1)]).default('all'),
		/** The URL path the site is served under: `/` at a domain's root, or a sub-path such as
		 * `/courses/client-server/` (a GitHub Pages project site, or one location of a shared server).
		 * Every link, asset and fetch of the build follows it. Optional; defaults to `/`. */
		base: z
			.string()
			.regex(/^\/([a-zA-Z0-9._~-]+\/)*$/, {
				message:
					'must start and end with "/" and hold only letters, digits, ".", "_", "~" and "-" between the slashes, such as "/courses/client-server/"',
			})
			.refine((path) => !path.split('/').some((part) => part === '.' || part === '..'), {
				message: 'must not contain "." or ".." folders',
			})
			.default('/'),
		/** Which lab runtimes pages may use: `webcontainer` (in the browser only), `local` (the
		 * runtime of `npm start` only) or `both` (the browser first, then the local one). Optional;
		 * defaults to `both`. */
		runtime: z.enum(['webcontainer', 'local', 'both']).default('both'),
	})
	.strict();

export type CourseConfig = z.infer<typeof CourseConfigSchema>;
export type RuntimePolicy = CourseConfig['runtime'];
