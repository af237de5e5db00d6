import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import { AstroError } from 'astro/errors';
import { labChecksPath, labsDir } from '../../labs/index.ts';

// Labs as the site build needs them. Finding and loading a lab is src/labs/, shared with the grader
// and the runtime; this folder turns a lab into what a lesson page ships (load-lab.ts, hints.ts,
// lab-title.ts) and keeps the lab workspace's CSS with its script (vite-inline-css.ts). This file
// fails the build on a lesson that names a lab which does not exist.

/** The labs folder as the build's messages show it: relative to the project root, where the build
 * runs, such as `labs`. */
const shownLabsDir = relative(process.cwd(), labsDir) || '.';

/** Fails the build when a lesson names a lab without a `labs/<id>/checks.ts`, so a typo in front
 * matter never ships a page whose lab cannot be graded. */
export function assertLabsExist(filePath: string, labs: readonly string[]): void {
	labs.forEach((id, index) => {
		if (existsSync(labChecksPath(id))) return;
		throw new AstroError(
			`${filePath}: field "labs.${index}" names lab "${id}", but ${shownLabsDir}/${id}/checks.ts does not exist.`,
			`Create the folder ${shownLabsDir}/${id}/ with its checks.ts, or remove "${id}" from the labs of ${filePath}.`,
		);
	});
}
