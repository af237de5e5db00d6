// Tests build fixture courses (bad front matter, missing labs) with the same config as the real
// site, so the content folder can be moved by an environment variable, as the labs folder can
// (COURSE_LABS_DIR, read by src/labs/find.ts). Paths are relative to the project root, which is
// where `astro build` runs.

/** The folder holding `modules.yaml` and `lessons/`, relative to the project root. */
export const contentDir: string = process.env['COURSE_CONTENT_DIR'] ?? 'content';
