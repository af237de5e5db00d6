// The grader bundle is what runs inside a WebContainer: one file, nothing installed, Node 20. This
// builds it from a test lab and runs it with the system's Node, which is older than the project's.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { programs } from './helpers.ts';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const systemNode = '/usr/bin/node';
const scratch = mkdtempSync(join(tmpdir(), 'bundle-test-'));
const bundle = join(scratch, 'grader.mjs');

describe(
	'the grader bundle',
	{ skip: !existsSync(systemNode) && `${systemNode} is absent` },
	() => {
		before(() => {
			execFileSync(process.execPath, [join(root, 'scripts', 'build-harness.ts'), '--out', bundle], {
				stdio: 'pipe',
				env: { ...process.env, COURSE_LABS_DIR: join(root, 'tests', 'harness', 'labs') },
			});
		});
		after(() => rmSync(scratch, { recursive: true, force: true }));

		it('runs on the system Node, an older major than the project uses', () => {
			const version = execFileSync(systemNode, ['--version'], { encoding: 'utf8' }).trim();
			assert.notEqual(
				version.split('.')[0],
				process.version.split('.')[0],
				`${systemNode} is ${version}`,
			);
		});

		for (const [program, code] of [
			['echo', 0],
			['crash-at-start', 1],
		] as const) {
			it(`grades ${program} with exit status ${code}, from a folder with no node_modules`, () => {
				const run = spawnSync(systemNode, [bundle, 'echo', join(programs, program), '--json'], {
					cwd: scratch,
					encoding: 'utf8',
					timeout: 30_000,
					env: { PATH: process.env['PATH'] ?? '' },
				});
				assert.equal(run.status, code, run.stderr);
				const report = JSON.parse(run.stdout) as { passed: boolean; checks: unknown[] };
				assert.equal(report.passed, code === 0);
				assert.equal(report.checks.length, 3);
			});
		}
	},
);
