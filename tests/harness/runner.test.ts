// The runner's promises to labs and learners: bounded checks that are cancelled and torn down,
// grader errors kept apart from learner failures, replayable data, and an untouched learner folder.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defineLab, expectJson, runLab, type Check, type HarnessEvent } from '../../src/harness/index.ts';
import { groupGone, programs, runOneCheck } from './helpers.ts';

const echo = join(programs, 'echo');

function lab(checks: Check[]) {
	return defineLab({ id: 'test-lab', title: 'Test lab', entry: 'server.js', checks });
}

function refused(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const req = request({ host: '127.0.0.1', port, agent: false }, (res) => {
			res.resume();
			resolve(false);
		});
		req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ECONNREFUSED'));
		req.end();
	});
}

/** Polls a condition until it holds, bounded in count; never a bare sleep. */
async function eventually(condition: () => Promise<boolean>, what: string): Promise<void> {
	for (let i = 0; i < 100; i++) {
		if (await condition()) return;
		await new Promise((resolve) => setTimeout(resolve, 20));
	}
	assert.fail(`${what} did not happen within 2 s`);
}

function hashTree(folder: string): string {
	const hash = createHash('sha256');
	const walk = (dir: string) => {
		for (const name of readdirSync(dir).sort()) {
			const path = join(dir, name);
			hash.update(path.slice(folder.length));
			if (statSync(path).isDirectory()) walk(path);
			else hash.update(readFileSync(path));
		}
	};
	walk(folder);
	return hash.digest('hex');
}

describe('the runner', () => {
	it('cancels a check at its timeout: sleep rejects and what it created is torn down', async () => {
		let port = 0;
		let sleepRejected = false;
		const { result, wallMs } = await runOneCheck(
			'echo',
			async (ctx) => {
				const server = await ctx.fakeServer();
				port = server.port;
				await ctx.sleep(60_000).catch((error: unknown) => {
					sleepRejected = true;
					throw error;
				});
			},
			{ timeoutMs: 300 },
		);
		assert.equal(result.checks[0]?.status, 'fail');
		assert.equal(result.checks[0]?.message, 'The check did not finish within 300 ms');
		assert.ok(wallMs < 2000, `took ${wallMs} ms`);
		assert.ok(sleepRejected);
		assert.ok(await refused(port), 'the fake server was stopped');
	});

	it('refuses to create anything for a check that has ended', async () => {
		let late: Promise<string> | undefined;
		const { result } = await runOneCheck(
			'echo',
			async (ctx) => {
				await ctx.sleep(60_000).catch(() => {});
				// A check that ignores cancellation and carries on must not start anything more.
				late = ctx.fakeServer().then(() => 'created', (error: Error) => error.message);
			},
			{ timeoutMs: 200 },
		);
		assert.equal(result.checks[0]?.status, 'fail');
		await eventually(async () => late !== undefined, 'the late call');
		assert.equal(await late, 'The check did not finish within 200 ms');
	});

	it('stops a program whose start was still under way when the check timed out', async () => {
		const { result, pids } = await runOneCheck('never-listens', async (ctx) => void (await ctx.start()), {
			timeoutMs: 300,
		});
		assert.equal(result.checks[0]?.message, 'The check did not finish within 300 ms');
		assert.equal(pids.length, 1);
		for (const pid of pids) assert.ok(groupGone(pid), `process group ${pid} is still alive`);
	});

	it('reports an unexpected exception as a grader error and runs the next check', async () => {
		const events: HarnessEvent[] = [];
		const result = await runLab(
			lab([
				{ id: 'broken', title: 'Broken', run: async () => { throw new TypeError('x is not a function'); } },
				{ id: 'fine', title: 'Fine', run: async () => {} },
			]),
			{ folder: echo, onEvent: (event) => events.push(event) },
		);
		assert.deepEqual(result.checks.map((c) => [c.id, c.status, c.message]), [
			['broken', 'fail', 'grader error: x is not a function'],
			['fine', 'pass', undefined],
		]);
		assert.equal(result.passed, false);
	});

	it('emits events in order: run-start, each check between its start and end, run-end', async () => {
		const events: HarnessEvent[] = [];
		await runLab(
			lab([
				{ id: 'one', title: 'One', run: async (ctx) => { await ctx.request(await ctx.start(), { path: '/' }); ctx.figure('n', 1); } },
				{ id: 'two', title: 'Two', run: async (ctx) => ctx.fail('nope') },
				{ id: 'three', title: 'Three', run: async () => {} },
			]),
			{ folder: echo, only: ['one', 'two'], onEvent: (event) => events.push(event) },
		);
		const kinds = events.map((e) => ('id' in e ? `${e.type}:${e.id}` : 'checkId' in e ? `${e.type}:${e.checkId}` : e.type));
		assert.deepEqual(
			kinds.filter((kind) => !kind.startsWith('output:')),
			['run-start', 'check-start:one', 'figure:one', 'check-end:one', 'check-start:two', 'check-end:two', 'check-end:three', 'run-end'],
		);
		const outputs = kinds.map((kind, i) => [kind, i] as const).filter(([kind]) => kind.startsWith('output:'));
		assert.ok(outputs.length > 0, 'the program printed a line');
		for (const [kind, i] of outputs) {
			assert.equal(kind, 'output:one');
			assert.ok(i > kinds.indexOf('check-start:one') && i < kinds.indexOf('check-end:one'));
		}
		const skipped = events.find((e) => e.type === 'check-end' && e.id === 'three');
		assert.equal(skipped?.type === 'check-end' && skipped.status, 'skip');
	});

	it('replays the same random data for the same seed, and other data for another', async () => {
		const draw = async (seed: number, only?: string[]) => {
			const seen: string[] = [];
			const checks: Check[] = ['a', 'b'].map((id) => ({
				id,
				title: id,
				run: async (ctx) => {
					seen.push(`${id}:${ctx.random.seed}:${ctx.random.id('p')}:${ctx.random.int(0, 1e6)}:${ctx.random.shuffle([1, 2, 3, 4, 5]).join('')}`);
				},
			}));
			await runLab(lab(checks), { folder: echo, seed, ...(only ? { only } : {}) });
			return seen;
		};
		const first = await draw(42);
		assert.deepEqual(await draw(42), first);
		assert.notDeepEqual(await draw(43), first);
		assert.deepEqual(await draw(42, ['b']), [first[1]], 'one check alone gets the data it had in the full run');
		assert.notEqual(first[0]?.split(':').slice(2).join(), first[1]?.split(':').slice(2).join(), 'checks get different data');
	});

	it('never writes into the learner folder, skips node_modules, and passes only a safe environment', async () => {
		const folder = mkdtempSync(join(tmpdir(), 'learner-'));
		try {
			cpSync(echo, folder, { recursive: true });
			mkdirSync(join(folder, 'node_modules', 'dep'), { recursive: true });
			writeFileSync(join(folder, 'node_modules', 'dep', 'index.js'), 'export default 1;\n');
			const before = hashTree(folder);
			let body: Record<string, unknown> = {};
			const { result } = await runOneCheck(
				'echo',
				async (ctx) => {
					const program = await ctx.start({ files: { 'data.json': '{"from":"grader"}', 'sub/dir/x.txt': 'x' }, env: { GREETING: 'hello' } });
					body = expectJson(await ctx.request(program, { path: '/' })) as Record<string, unknown>;
				},
				{ folder },
			);
			assert.equal(result.checks[0]?.status, 'pass', result.checks[0]?.message);
			assert.deepEqual(body['data'], { from: 'grader' });
			assert.equal(body['greeting'], 'hello');
			assert.equal(body['hasNodeModules'], false);
			assert.equal(body['inherited'], null, 'no NODE_OPTIONS or test-runner variables leak in');
			assert.equal(hashTree(folder), before);
		} finally {
			rmSync(folder, { recursive: true, force: true });
		}
	});

	it('fails a check, not the run, when the entry file is missing', async () => {
		const { result } = await runOneCheck('echo', async (ctx) => void (await ctx.start()), { folder: programs });
		assert.match(result.checks[0]?.message ?? '', /^Expected your program's entry file server\.js in .*programs, but there is no such file$/);
	});

	it('stops the program of one check before the next check starts', async () => {
		let pid = 0;
		let goneAtNextCheck = false;
		const { onSpawn } = await import('../../src/harness/process-registry.ts');
		const unsubscribe = onSpawn((spawned) => (pid = spawned));
		try {
			const result = await runLab(
				lab([
					{ id: 'first', title: 'First', run: async (ctx) => void (await ctx.start()) },
					{ id: 'second', title: 'Second', run: async () => void (goneAtNextCheck = pid > 0 && groupGone(pid)) },
				]),
				{ folder: echo },
			);
			assert.equal(result.passed, true);
			assert.ok(goneAtNextCheck);
		} finally {
			unsubscribe();
		}
	});
});
