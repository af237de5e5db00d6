import { z } from 'astro/zod';
import { KebabIdSchema } from './kebab-id.ts';

/** The ids of the labs a lesson links to. The schema checks their shape only: whether each folder
 * exists is checked on every build by `src/lib/lab-bundle/index.ts`, because Astro caches entries whose file did
 * not change and would never notice a lab folder that was deleted later. */
export const LabIdsSchema = z.array(KebabIdSchema).default([]);
