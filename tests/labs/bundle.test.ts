// The bundled grader (what a WebContainer runs) grades every lab's solution as passing on the
// system's Node 20 with nothing installed: proof that neither the harness nor any lab's checks use
// an API that Node 20 lacks, and that the solutions themselves run there.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { discoverLabs, labsDir } from '../../src/labs/index.ts';

const systemNode = '/usr/bin/node';
const scratch = mkdtempSync(join(tmpdir(), 'labs-bundle-'));
const bundle = join(scratch, 'grader.mjs');
const labs = await discoverLabs();

describe(
	'the bundled grader on the system Node',
	{ skip: !existsSync(systemNode) && `${systemNode} is absent` },
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
			it(`passes the ${lab.id} solution`, () => {
				const run = spawnSync(systemNode, [bundle, lab.id, join(folder, 'solution'), '--json'], {
					cwd: scratch,
					encoding: 'utf8',
					timeout: 120_000,
					env: { PATH: process.env['PATH'] ?? '' },
				});
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
