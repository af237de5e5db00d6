// A learner's own-editor loop: `lab init` makes a folder from the starter, `lab check` grades it
// with the grader's terminal output, from the folder the learner is in.
import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { labsDir, root, run } from '../grader/helpers.ts';

const cli = join(root, 'src', 'lab-cli', 'cli.ts');
const scratch = mkdtempSync(join(tmpdir(), 'lab-cli-test-'));
const work = join(scratch, 'my-balancer');

describe('lab init and lab check', () => {
	after(() => rmSync(scratch, { recursive: true, force: true }));

	it('init copies the starter and the README into a new folder and says what to do next', async () => {
		const ran = await run(process.execPath, [cli, 'init', 'round-robin', 'my-balancer'], {
			env: { INIT_CWD: scratch },
		});
		assert.equal(ran.code, 0, ran.stderr);
		const starter = readdirSync(join(labsDir, 'round-robin', 'starter'));
		assert.deepEqual(readdirSync(work).sort(), [...starter, 'README.md'].sort());
		assert.equal(
			readFileSync(join(work, 'lb.js'), 'utf8'),
			readFileSync(join(labsDir, 'round-robin', 'starter', 'lb.js'), 'utf8'),
		);
		assert.match(ran.stdout, /Next steps:/);
		assert.match(ran.stdout, /npm --prefix \S+ run lab -- check round-robin/);
	});

	it('init refuses a folder that is not empty and leaves it as it was', async () => {
		writeFileSync(join(work, 'notes.txt'), 'mine');
		const ran = await run(process.execPath, [cli, 'init', 'round-robin', work]);
		assert.equal(ran.code, 2);
		assert.match(ran.stderr, /is not empty; give a new or empty folder/);
		assert.equal(readFileSync(join(work, 'notes.txt'), 'utf8'), 'mine');
		rmSync(join(work, 'notes.txt'));
	});

	it('check fails the untouched starter, from the current folder, with exit 1', async () => {
		const ran = await run(process.execPath, [cli, 'check', 'round-robin'], {
			env: { INIT_CWD: work },
		});
		assert.equal(ran.code, 1, ran.stderr);
		assert.match(ran.stdout, /^✗ Requests rotate across backends in list order$/m);
		assert.match(ran.stdout, /^0 passed, 10 failed$/m);
	});

	it('check passes once the solution is in, run through npm from the folder itself', async () => {
		cpSync(join(labsDir, 'round-robin', 'solution'), work, { recursive: true });
		const ran = await run(
			'npm',
			['--prefix', root, 'run', '--silent', 'lab', '--', 'check', 'round-robin'],
			{
				cwd: work,
			},
		);
		assert.equal(ran.code, 0, ran.stdout + ran.stderr);
		assert.match(ran.stdout, /^10 passed, 0 failed$/m);
	});

	it('names an unknown lab and exits 2', async () => {
		const ran = await run(process.execPath, [cli, 'check', 'no-such-lab', work]);
		assert.equal(ran.code, 2);
		assert.match(ran.stderr, /Unknown lab "no-such-lab". Known labs: .*round-robin/);
	});
});
