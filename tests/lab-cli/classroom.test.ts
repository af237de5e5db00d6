// `lab classroom`: the template repository for GitHub Classroom. Its autograding commands are run
// here as GitHub would run them, in the generated folder, on the system's older Node.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parse } from 'yaml';
import { folderLabSource } from '../../src/labs/index.ts';
import { labsDir, root, run, type Ran } from '../grader/helpers.ts';

const LAB = 'round-robin';
const cli = join(root, 'src', 'lab-cli', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'classroom-test-'));
const template = join(scratch, 'template');
// GitHub's runners have Node 20 or later; the system's Node here is older than the project's.
const node = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;

interface AutogradingTest {
	name: string;
	setup: string;
	run: string;
	input: string;
	output: string;
	comparison: string;
	timeout: number;
	points: number;
}

/** Runs each test's command through a shell in `folder`, two at a time, as the action would. */
async function runAll(tests: readonly AutogradingTest[], folder: string): Promise<Ran[]> {
	const results: Ran[] = [];
	let next = 0;
	const worker = async () => {
		while (next < tests.length) {
			const index = next++;
			const command = (tests[index] as AutogradingTest).run.replace(/^node /, `${node} `);
			results[index] = await run('sh', ['-c', command], { cwd: folder, timeoutMs: 60_000 });
		}
	};
	await Promise.all([worker(), worker()]);
	return results;
}

describe('lab classroom', () => {
	let tests: AutogradingTest[];
	let checkIds: string[];

	before(async () => {
		const ran = await run(process.execPath, [cli, 'classroom', LAB, template], {
			timeoutMs: 60_000,
		});
		assert.equal(ran.code, 0, ran.stderr);
		tests = (
			JSON.parse(readFileSync(join(template, '.github/classroom/autograding.json'), 'utf8')) as {
				tests: AutogradingTest[];
			}
		).tests;
		const lab = await folderLabSource(labsDir).load(LAB);
		checkIds = lab?.checks.map((check) => check.id) ?? [];
	});
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('lays out the starter, README, package.json and the bundled grader', () => {
		for (const file of ['lb.js', 'README.md', 'package.json', '.grader/grader.mjs']) {
			assert.ok(existsSync(join(template, file)), `${file} is missing`);
		}
		const pkg = JSON.parse(readFileSync(join(template, 'package.json'), 'utf8')) as {
			type: string;
			scripts: Record<string, string>;
		};
		assert.equal(pkg.type, 'module');
		assert.equal(pkg.scripts['test'], `node .grader/grader.mjs ${LAB} .`);
		const readme = readFileSync(join(template, 'README.md'), 'utf8');
		assert.match(readme, new RegExp(`node \\.grader/grader\\.mjs ${LAB} \\.\\n`));
		assert.doesNotMatch(readme, /npm run grade/);
	});

	it('has one autograding test per check, in the shape GitHub Classroom reads', () => {
		assert.deepEqual(
			tests.map((test) => test.run),
			checkIds.map((id) => `node .grader/grader.mjs ${LAB} . --only ${id}`),
		);
		for (const test of tests) {
			assert.deepEqual(Object.keys(test).sort(), [
				'comparison',
				'input',
				'name',
				'output',
				'points',
				'run',
				'setup',
				'timeout',
			]);
			assert.ok(test.points > 0 && test.timeout > 0 && test.name.length > 0);
		}
	});

	it('has a workflow with a grader step per check and a reporter that reads them all', () => {
		const workflow = parse(
			readFileSync(join(template, '.github/workflows/classroom.yml'), 'utf8'),
		) as {
			on: string[];
			jobs: Record<
				string,
				{
					steps: {
						id?: string;
						uses?: string;
						with?: Record<string, unknown>;
						env?: Record<string, string>;
					}[];
				}
			>;
		};
		assert.deepEqual(workflow.on, ['push', 'repository_dispatch']);
		const steps = Object.values(workflow.jobs)[0]?.steps ?? [];
		const graders = steps.filter((s) =>
			s.uses?.startsWith('classroom-resources/autograding-command-grader'),
		);
		assert.deepEqual(
			graders.map((s) => s.id),
			checkIds,
		);
		assert.deepEqual(
			graders.map((s) => s.with?.['command']),
			tests.map((t) => t.run),
		);
		const reporter = steps.at(-1);
		assert.match(reporter?.uses ?? '', /autograding-grading-reporter/);
		assert.equal(reporter?.with?.['runners'], checkIds.join(','));
		assert.deepEqual(
			Object.entries(reporter?.env ?? {}),
			checkIds.map((id) => [`${id.toUpperCase()}_RESULTS`, `\${{ steps.${id}.outputs.result }}`]),
		);
	});

	it('passes every test with the solution copied in', async () => {
		const folder = join(scratch, 'solved');
		cpSync(template, folder, { recursive: true });
		cpSync(join(labsDir, LAB, 'solution'), folder, { recursive: true });
		const results = await runAll(tests, folder);
		assert.deepEqual(
			results.map((r, i) => `${checkIds[i]}: ${r.code}`),
			checkIds.map((id) => `${id}: 0`),
			results.map((r) => r.stdout).join(''),
		);
	});

	it('fails exactly the checks the starter fails', async () => {
		const whole = await run('sh', ['-c', `${node} .grader/grader.mjs ${LAB} . --json`], {
			cwd: template,
		});
		const report = JSON.parse(whole.stdout) as { checks: { id: string; status: string }[] };
		const failing = report.checks.filter((c) => c.status === 'fail').map((c) => c.id);
		assert.ok(failing.length > 0, 'the starter passes every check');
		const results = await runAll(tests, template);
		assert.deepEqual(
			checkIds.filter((_, i) => results[i]?.code !== 0),
			failing,
		);
		assert.ok(results.every((r) => r.code === 0 || r.code === 1));
	});
});
