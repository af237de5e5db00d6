// The bundled grader (what a WebContainer runs) grades every lab's solution as passing on the
// system's Node 20 with nothing installed: proof that neither the harness nor any lab's checks use
// an API that Node 20 lacks, and that the solutions themselves run there.
import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverLabs, labsDir } from '../../src/labs/index.ts';

const systemNode = '/usr/bin/node';
const scratch = mkdtempSync(join(tmpdir(), 'labs-bundle-'));
const bundle = join(scratch, 'grader.mjs');
const labs = await discoverLabs();

/** Runs the bundle on the system Node with nothing but PATH, and resolves however it ends. */
function runBundle(
	args: string[],
): Promise<{ status: number | null; stdout: string; stderr: string }> {
	return new Promise((resolve) => {
		const child = execFile(
			systemNode,
			args,
			{
				cwd: scratch,
				encoding: 'utf8',
				timeout: 120_000,
				env: { PATH: process.env['PATH'] ?? '' },
			},
			(_error, stdout, stderr) => resolve({ status: child.exitCode, stdout, stderr }),
		);
	});
}

describe(
	'the bundled grader on the system Node',
	// Three labs at once: each run mostly waits on its checks' timers.
	{ skip: !existsSync(systemNode) && `${systemNode} is absent`, concurrency: 3 },
	() => {
		before(() => {
			execFileSync(
				process.execPath,
				[join(labsDir, '..', 'scripts', 'build-harness.ts'), '--out', bundle],
				{ stdio: 'pipe' },
			);
		});
		after(() => rmSync(scratch, { recursive: true, force: true }));

		for (const { lab, folder } of labs) {
			it(`passes the ${lab.id} solution`, async () => {
				const run = await runBundle([bundle, lab.id, join(folder, 'solution'), '--json']);
				const report = JSON.parse(run.stdout || '{}') as {
					passed?: boolean;
					checks?: { id: string; status: string; message?: string }[];
				};
				const failed = (report.checks ?? []).filter((check) => check.status === 'fail');
				assert.equal(
					run.status,
					0,
					`${run.stderr}${failed.map((check) => `${check.id}: ${check.message ?? ''}`).join('\n')}`,
				);
				assert.equal(report.passed, true);
			});
		}
	},
);
