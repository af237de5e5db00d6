import { z } from 'astro/zod';

/** A lower-case kebab-case identifier such as `load-balancing`. It is used in URLs and folder names,
 * so it can never hold a slash, a dot or a space. */
export const KebabIdSchema = z
	.string()
	.regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Use lower-case kebab-case, such as "load-balancing".');
