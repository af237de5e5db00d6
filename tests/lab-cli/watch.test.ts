// `lab check --watch`: the checks run again after a file changes, and Ctrl+C ends the watch with
// nothing left running.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { descendants, stillRunning, type SeenProcess } from '../../src/grader/process-tree.ts';
import { signalGroup } from '../../src/harness/process-registry.ts';
import { ignored } from '../../src/lab-cli/folder-watcher.ts';
import { labsDir, root, start, waitForOutput } from '../grader/helpers.ts';
import { groupGone } from '../harness/helpers.ts';

const cli = join(root, 'src', 'lab-cli', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'lab-watch-test-'));
const folder = join(scratch, 'work');

describe('lab check --watch', () => {
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('checks again after a file changes, and stops cleanly on Ctrl+C', async (t) => {
		cpSync(join(labsDir, 'round-robin', 'starter'), folder, { recursive: true });
		const args = ['check', 'round-robin', folder, '--watch', '--only', 'rotates-in-order'];
		const child = start(process.execPath, [cli, ...args]);
		t.after(() => signalGroup(child.pid ?? -1, 'SIGKILL'));
		const seen = new Map<string, SeenProcess>();
		const sampler = setInterval(() => {
			for (const p of descendants(child.pid ?? -1)) seen.set(`${p.pid}:${p.start}`, p);
		}, 50);
		t.after(() => clearInterval(sampler));
		let output = await waitForOutput(child, /Watching .* for changes/, 30_000);
		assert.match(output, /^0 passed, 1 failed$/m);

		cpSync(join(labsDir, 'round-robin', 'solution', 'lb.js'), join(folder, 'lb.js'));
		output += await waitForOutput(child, /^1 passed, 0 failed$/m, 30_000);
		assert.match(output, /lb\.js changed, checking again/);

		let rest = '';
		child.stdout.on('data', (chunk: Buffer) => (rest += chunk.toString()));
		const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
		child.kill('SIGINT');
		let timer: ReturnType<typeof setTimeout> | undefined;
		const code = await Promise.race([
			exited,
			new Promise<string>(
				(resolve) => (timer = setTimeout(() => resolve('still running'), 10_000)),
			),
		]);
		clearTimeout(timer);
		assert.equal(code, 0);
		assert.match(rest, /Stopped watching\./);
		assert.ok(groupGone(child.pid ?? -1), 'the watch process group is still there');
		clearInterval(sampler);
		assert.ok(seen.size > 0, 'the checks started no program');
		assert.deepEqual([...seen.values()].filter(stillRunning), []);
	});

	it('ignores installed packages, hidden files and editor backups, not the code', () => {
		for (const path of ['node_modules/x/index.js', '.git/index', '.lb.js.swp', 'lb.js~', '4913']) {
			assert.equal(ignored(path), true, path);
		}
		for (const path of ['lb.js', 'lib/health.js', 'package.json']) {
			assert.equal(ignored(path), false, path);
		}
	});
});
