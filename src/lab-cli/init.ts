// `lab init <lab-id> <folder>`: a fresh folder with the lab's starter and README, to work on in the
// learner's own editor.
import { cpSync, existsSync, mkdirSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { labsDir } from '../labs/index.ts';
import { courseRoot, isEmptyFolder, labSource, shown, unknownLab, userCwd } from './course.ts';

export function init(
	lab: string,
	target: string,
	write: (text: string) => void,
): { error?: string } {
	if (!labSource.list().includes(lab)) return { error: unknownLab(lab) };
	const folder = resolve(userCwd(), target);
	if (!isEmptyFolder(folder)) {
		return {
			error: `${shown(folder)} is not empty; give a new or empty folder so nothing of yours is overwritten`,
		};
	}
	mkdirSync(folder, { recursive: true });
	cpSync(join(labsDir, lab, 'starter'), folder, { recursive: true });
	const readme = join(labsDir, lab, 'README.md');
	if (existsSync(readme)) cpSync(readme, join(folder, 'README.md'));
	write(
		`Created ${shown(folder)} with the starter of the ${lab} lab.\n\n${nextSteps(lab, folder)}`,
	);
	return {};
}

/** The commands to type next. Inside the course's folder npm finds the course by itself; from
 * anywhere else it needs --prefix, and the folder is then the current one. */
function nextSteps(lab: string, folder: string): string {
	const check = folder.startsWith(courseRoot + sep)
		? `npm run lab -- check ${lab} ${shown(folder)}`
		: `cd ${shown(folder)} && npm --prefix ${courseRoot} run lab -- check ${lab}`;
	return [
		'Next steps:',
		`  1. Read ${join(shown(folder), 'README.md')}: what your program must do.`,
		'  2. Open the folder in your editor and write your program.',
		`  3. Run the checks:          ${check}`,
		`     or on every save:        ${check} --watch`,
		'',
	].join('\n');
}
