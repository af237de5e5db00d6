// `lab classroom <lab-id> <out-folder>`: a template repository for a GitHub Classroom assignment:
// the lab's starter and README, the bundled grader, and autograding that runs each check as a test.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { GradeIo } from '../grader/grade.ts';
import { labsDir } from '../labs/index.ts';
import {
	autogradingJson,
	checkCommand,
	classroomWorkflow,
	POINTS_PER_CHECK,
} from './classroom-config.ts';
import { courseRoot, isEmptyFolder, labSource, shown, unknownLab } from './course.ts';

/** Writes the template; returns the exit status (2 for a usage mistake, 1 if the build failed). */
export async function classroom(lab: string, out: string, io: GradeIo): Promise<number> {
	const definition = await labSource.load(lab);
	if (!definition) return usage(io, unknownLab(lab));
	const folder = resolve(io.cwd, out);
	if (!isEmptyFolder(folder)) {
		return usage(io, `${shown(folder)} is not empty; give a new or empty folder for the template`);
	}
	const file = (path: string, text: string) => {
		mkdirSync(dirname(join(folder, path)), { recursive: true });
		writeFileSync(join(folder, path), text);
	};
	mkdirSync(folder, { recursive: true });
	cpSync(join(labsDir, lab, 'starter'), folder, { recursive: true });
	const readme = join(labsDir, lab, 'README.md');
	file(
		'README.md',
		templateReadme(existsSync(readme) ? readFileSync(readme, 'utf8') : `# ${lab}\n`, lab),
	);
	file('package.json', packageJson(folder, lab));
	file('.gitignore', 'node_modules/\n');
	file('.github/classroom/autograding.json', autogradingJson(lab, definition.checks));
	file('.github/workflows/classroom.yml', classroomWorkflow(lab, definition.checks));
	// Built afresh rather than copied from dist-harness/, which may predate the latest checks.
	const grader = join(folder, '.grader', 'grader.mjs');
	const build = spawnSync(
		process.execPath,
		[join(courseRoot, 'scripts', 'build-harness.ts'), '--out', grader],
		{ encoding: 'utf8' },
	);
	if (build.status !== 0) {
		io.stderr(`Building the grader failed; run npm run build:harness to see why.\n${build.stderr}`);
		return 1;
	}
	const kb = (statSync(grader).size / 1024).toFixed(0);
	const points = definition.checks.length * POINTS_PER_CHECK;
	io.stdout(
		[
			`Wrote the ${lab} template to ${shown(folder)}:`,
			`  the starter and README.md, package.json, .grader/grader.mjs (${kb} KB, runs on Node 20+),`,
			`  .github/classroom/autograding.json and .github/workflows/classroom.yml:`,
			`  ${definition.checks.length} tests, one per check, ${points} points in all.`,
			'Next: push it to GitHub as a template repository and create the assignment from it',
			'(docs/classroom.md walks through it).',
			'',
		].join('\n'),
	);
	return 0;
}

function usage(io: GradeIo, message: string): number {
	io.stderr(`${message}\n`);
	return 2;
}

/** The starter's package.json, made sure to be an ES module with `npm test` running every check. */
function packageJson(folder: string, lab: string): string {
	const path = join(folder, 'package.json');
	const starter = existsSync(path)
		? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>)
		: {};
	const scripts = {
		...(starter['scripts'] as Record<string, string> | undefined),
		test: `node .grader/grader.mjs ${lab} .`,
	};
	return `${JSON.stringify({ name: lab, private: true, ...starter, type: 'module', scripts }, null, 2)}\n`;
}

/** The lab's README with its grading commands made to work inside the repository, and a section
 * on how GitHub awards points. */
export function templateReadme(text: string, lab: string): string {
	const local = text
		.replace(
			/^From (the repository's root|the course's root folder):$/gm,
			"From this repository's folder:",
		)
		.replaceAll(
			new RegExp(`npm run grade -- ${lab} \\S+`, 'g'),
			`node .grader/grader.mjs ${lab} .`,
		);
	return `${local.trimEnd()}

## Points on GitHub

Every push to this repository runs the checks on GitHub: open the **Actions** tab and the latest
"Autograding ${lab}" run. Each check is its own test worth ${POINTS_PER_CHECK} point, so a program
that passes some checks earns part of the points. A failed step shows the same message the grader
prints on your machine; run that one check alone with:

\`\`\`sh
${checkCommand(lab, '<check-id>')}
\`\`\`

The grader needs Node 20 or later and nothing installed. Leave \`.grader/\` and \`.github/\` as they
are: they are how your work is graded.
`;
}
