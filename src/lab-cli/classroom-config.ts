// The two files GitHub Classroom reads to grade a lab: `.github/classroom/autograding.json` (the
// tests a teacher sees in the assignment's settings) and `.github/workflows/classroom.yml` (the
// workflow that runs them on every push). Each check is its own test, so a learner earns the
// points of every check that passes instead of all or nothing.

export interface ClassroomCheck {
	id: string;
	title: string;
}

/** Points for one passing check. */
export const POINTS_PER_CHECK = 1;
/** GitHub's limit for one test, in minutes: far above a check's own limit of a few seconds. */
const TIMEOUT_MINUTES = 2;

/** The command that runs one check of the lab, from the repository's root. */
export function checkCommand(lab: string, id: string): string {
	return `node .grader/grader.mjs ${lab} . --only ${id}`;
}

export function autogradingJson(lab: string, checks: readonly ClassroomCheck[]): string {
	const tests = checks.map((check) => ({
		name: `${check.id}: ${check.title}`,
		setup: '',
		run: checkCommand(lab, check.id),
		input: '',
		output: '',
		comparison: 'included',
		timeout: TIMEOUT_MINUTES,
		points: POINTS_PER_CHECK,
	}));
	return `${JSON.stringify({ tests }, null, 2)}\n`;
}

/** The workflow: one command-grader step per check, then the reporter that adds up the points.
 * Strings are JSON-quoted, which YAML reads as double-quoted scalars. */
export function classroomWorkflow(lab: string, checks: readonly ClassroomCheck[]): string {
	const q = (text: string) => JSON.stringify(text);
	const steps = checks.flatMap((check) => [
		`      - name: ${q(check.id)}`,
		`        id: ${check.id}`,
		'        uses: classroom-resources/autograding-command-grader@v1',
		'        with:',
		`          test-name: ${q(`${check.id}: ${check.title}`)}`,
		`          command: ${q(checkCommand(lab, check.id))}`,
		`          timeout: ${TIMEOUT_MINUTES}`,
		`          max-score: ${POINTS_PER_CHECK}`,
	]);
	return [
		`name: Autograding ${lab}`,
		"'on':",
		'  - push',
		'  - repository_dispatch',
		'permissions:',
		'  checks: write',
		'  actions: read',
		'  contents: read',
		'jobs:',
		'  run-autograding-tests:',
		'    runs-on: ubuntu-latest',
		"    if: github.actor != 'github-classroom[bot]'",
		'    steps:',
		'      - name: Check out the code',
		'        uses: actions/checkout@v4',
		'      - name: Set up Node',
		'        uses: actions/setup-node@v4',
		'        with:',
		"          node-version: '22'",
		...steps,
		'      - name: Autograding reporter',
		'        uses: classroom-resources/autograding-grading-reporter@v1',
		'        env:',
		...checks.map(
			(check) =>
				`          ${check.id.toUpperCase()}_RESULTS: "\${{ steps.${check.id}.outputs.result }}"`,
		),
		'        with:',
		`          runners: ${checks.map((check) => check.id).join(',')}`,
		'',
	].join('\n');
}
