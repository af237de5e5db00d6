// Where the course keeps its labs, and which of the folders there are labs. The grader, the
// runtime, the lab command line, the site build, the tests, stress and bench all ask here, so one
// variable, COURSE_LABS_DIR, points every one of them at another folder.
import { existsSync, readdirSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The environment variable that points everything at another labs folder. */
export const LABS_DIR_VARIABLE = 'COURSE_LABS_DIR';

/** The file that makes a folder a lab: it default-exports `defineLab({...})`. */
export const LAB_DEFINITION_FILE = 'checks.ts';
/** The file that says what the lab's program runs against in the page (optional). */
export const LAB_PLAYGROUND_FILE = 'playground.ts';

/** The project's root. From source this file is `src/labs/find.ts`; once a bundler has moved it
 * (the site build's chunks, the session bundle), the working folder stands in, since the site
 * build runs from the root and a bundle is given its labs rather than looking for them. */
function projectRoot(): string {
	const here = dirname(fileURLToPath(import.meta.url));
	const fromSource = basename(here) === 'labs' && basename(dirname(here)) === 'src';
	return fromSource ? resolve(here, '..', '..') : process.cwd();
}

/** The labs folder: COURSE_LABS_DIR (relative to the working folder) or the project's `labs/`. */
export const labsDir: string = process.env[LABS_DIR_VARIABLE]
	? resolve(process.env[LABS_DIR_VARIABLE])
	: join(projectRoot(), 'labs');

/** The absolute path of a lab's `checks.ts`, whether or not it exists. */
export function labChecksPath(id: string, dir: string = labsDir): string {
	return join(dir, id, LAB_DEFINITION_FILE);
}

/** The absolute path of a lab's `playground.ts`, whether or not it exists. */
export function labPlaygroundPath(id: string, dir: string = labsDir): string {
	return join(dir, id, LAB_PLAYGROUND_FILE);
}

/** The lab ids under `dir`, sorted. A folder without a `checks.ts` is not a lab: `labs/shared/`
 * holds check code that several labs import, and a lab still being written may lack one. */
export function listLabs(dir: string = labsDir): string[] {
	if (!existsSync(dir)) return [];
	return readdirSync(dir, { withFileTypes: true })
		.filter((entry) => entry.isDirectory() && existsSync(labChecksPath(entry.name, dir)))
		.map((entry) => entry.name)
		.sort();
}
