import { resolve } from 'node:path';

// Tests build fixture courses (bad front matter, missing labs) with the same config as the real
// site, so both folders can be moved by an environment variable. Paths are relative to the project
// root, which is where `astro build` runs.

/** The folder holding `modules.yaml` and `lessons/`, relative to the project root. */
export const contentDir: string = process.env['COURSE_CONTENT_DIR'] ?? 'content';

/** The folder holding one `<lab-id>/checks.ts` per lab, relative to the project root. */
export const labsDir: string = process.env['COURSE_LABS_DIR'] ?? 'labs';

/** The absolute path of a lab's `checks.ts`, whether or not it exists. */
export function labChecksPath(labId: string): string {
	return resolve(labsDir, labId, 'checks.ts');
}
