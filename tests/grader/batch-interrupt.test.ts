// Ctrl+C during `grade --batch`: every child grader and every program they started stops, no
// results are written, and the batch exits 130.
import assert from 'node:assert/strict';
import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { descendants, stillRunning, type SeenProcess } from '../../src/grader/process-tree.ts';
import { signalGroup } from '../../src/harness/process-registry.ts';
import { labsDir, root, start, waitForOutput } from './helpers.ts';
import { until } from '../support/poll.ts';

const scratch = mkdtempSync(join(tmpdir(), 'batch-interrupt-test-'));

describe('grade --batch on Ctrl+C', () => {
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('stops every grader and program, writes nothing and exits 130', async (t) => {
		const classDir = join(scratch, 'class');
		for (const learner of ['ada', 'ben', 'cy']) {
			cpSync(join(labsDir, 'orders-api', 'solution'), join(classDir, learner, 'orders-api'), {
				recursive: true,
			});
		}
		const out = join(scratch, 'out');
		const cli = join(root, 'src', 'grader', 'cli.ts');
		const child = start(process.execPath, [cli, '--batch', classDir, '--out', out, '--jobs', '2']);
		t.after(() => signalGroup(child.pid ?? -1, 'SIGKILL'));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		let stderr = '';
		child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
		await waitForOutput(child, /Grading 3 submissions, 2 at a time/, 30_000);
		// Interrupt once the two graders run learner programs: four processes below the batch.
		const seen = new Map<string, SeenProcess>();
		await until(
			() => {
				const tree = descendants(child.pid ?? -1);
				for (const p of tree) seen.set(`${p.pid}:${p.start}`, p);
				return tree.length >= 4;
			},
			'two graders run learner programs',
			30_000,
			50,
		);
		child.kill('SIGINT');
		let timer: ReturnType<typeof setTimeout> | undefined;
		const code = await Promise.race([
			exited,
			new Promise<string>(
				(resolve) => (timer = setTimeout(() => resolve('still running'), 15_000)),
			),
		]);
		clearTimeout(timer);
		assert.equal(code, 130, stderr);
		assert.match(stderr, /Stopped after \d of 3 submissions; no results written/);
		assert.equal(existsSync(out), false);
		assert.ok(seen.size >= 4, `saw only ${seen.size} processes`);
		assert.deepEqual([...seen.values()].filter(stillRunning), []);
	});
});
