// A sandboxed batch keeps the clock: a program that loops forever is killed with its sandbox at the
// submission's deadline, and a batch that is itself killed outright keeps the rows it had written,
// while the sandboxes it ran die with it.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { parseCsv } from '../../src/grader/batch/csv.ts';
import { signalGroup } from '../../src/harness/process-registry.ts';
import { descendants, stillRunning, type SeenProcess } from '../../src/grader/process-tree.ts';
import { labsDir, run, start } from '../grader/helpers.ts';
import { cli, program } from './helpers.ts';
import { eventually } from '../support/poll.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-deadline-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const LIMIT_S = 6;

/** A class with a program that loops forever, and with `honest`, a solution beside it. */
function makeClass(name: string, honest: boolean): string {
	const folder = join(scratch, name);
	if (honest) {
		cpSync(join(labsDir, 'orders-api', 'solution'), join(folder, 'ada', 'orders-api'), {
			recursive: true,
		});
	}
	program(join(folder, 'eve', 'orders-api'), 'for (;;) {}\n');
	return folder;
}

describe('a sandboxed batch and time', () => {
	it("kills a looping program's sandbox at the deadline and leaves no process", async () => {
		const out = join(scratch, 'out-deadline');
		// The looping program alone: a solution under the same short limit could miss it on a
		// loaded machine, and honest learners' grades are the other tests' concern.
		const args = ['--batch', makeClass('deadline', false), '--out', out, '--jobs', '2'];
		const ran = await run(process.execPath, [cli, ...args, '--timeout', String(LIMIT_S)], {
			timeoutMs: 60_000,
		});
		const rows = parseCsv(readFileSync(join(out, 'results.csv'), 'utf8'));
		const eve = rows.find((row) => row.learner === 'eve');
		assert.equal(eve?.passed, false);
		// The first failed check speaks for the row: the harness inside may see the loop before the
		// deadline (its limits stretch on a busy machine), and the deadline ends the rest.
		assert.match(eve.message, new RegExp(`${LIMIT_S} s limit|stuck in a loop`));
		assert.equal(rows.length, 1);
		assert.ok(ran.wallMs < (LIMIT_S + 10) * 1000, `took ${ran.wallMs} ms`);
		assert.deepEqual(ran.seen.filter(stillRunning), []);
	});

	it('keeps the rows written so far when the batch is killed, and its sandboxes die with it', async () => {
		const out = join(scratch, 'out-killed');
		const csv = join(out, 'results.csv');
		const args = [
			'--batch',
			makeClass('killed', true),
			'--out',
			out,
			'--jobs',
			'2',
			'--timeout',
			'60',
		];
		const batch = start(process.execPath, [cli, ...args]);
		const seen = new Map<string, SeenProcess>();
		const rowsNow = () => (existsSync(csv) ? parseCsv(readFileSync(csv, 'utf8')) : []);
		try {
			const adaDone = await eventually(
				() => {
					for (const p of descendants(batch.pid ?? -1)) seen.set(`${p.pid}:${p.start}`, p);
					return rowsNow().some((row) => row.learner === 'ada');
				},
				30_000,
				50,
			);
			assert.ok(adaDone, 'ada was never graded');
			// Only the batch itself is killed: its sandboxes must end because their parent did.
			process.kill(batch.pid ?? -1, 'SIGKILL');
			const rows = rowsNow();
			assert.deepEqual(
				rows.map((row) => [row.learner, row.passed]),
				[['ada', true]],
			);
			assert.ok(seen.size > 2, 'no sandbox was seen running');
			const gone = await eventually(
				() => [...seen.values()].every((p) => !stillRunning(p)),
				5000,
				50,
			);
			assert.ok(gone, 'a sandbox outlived the batch that started it');
		} finally {
			signalGroup(batch.pid ?? -1, 'SIGKILL');
		}
	});
});
