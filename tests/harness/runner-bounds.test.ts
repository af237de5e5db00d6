// The runner keeps every check bounded: it cancels a check at its timeout, tears down what the
// check created however it ended, and tells a grader error apart from a learner's failure.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { defineLab, runLab, type Check, type HarnessEvent } from '../../src/harness/index.ts';
import { onSpawn } from '../../src/harness/process-registry.ts';
import { groupGone, programs, runOneCheck } from './helpers.ts';
import { until } from '../support/poll.ts';

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

describe('the runner bounds and cleans up checks', () => {
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
				late = ctx.fakeServer().then(
					() => 'created',
					(error: Error) => error.message,
				);
			},
			{ timeoutMs: 200 },
		);
		assert.equal(result.checks[0]?.status, 'fail');
		await until(() => late !== undefined, 'the late call happened', 2000);
		assert.equal(await late, 'The check did not finish within 200 ms');
	});

	it('stops a program whose start was still under way when the check timed out', async () => {
		const { result, pids } = await runOneCheck(
			'never-listens',
			async (ctx) => void (await ctx.start()),
			{
				timeoutMs: 300,
			},
		);
		assert.equal(result.checks[0]?.message, 'The check did not finish within 300 ms');
		assert.equal(pids.length, 1);
		for (const pid of pids) assert.ok(groupGone(pid), `process group ${pid} is still alive`);
	});

	it('reports an unexpected exception as a grader error and runs the next check', async () => {
		const events: HarnessEvent[] = [];
		const result = await runLab(
			lab([
				{
					id: 'broken',
					title: 'Broken',
					run: async () => {
						throw new TypeError('x is not a function');
					},
				},
				{ id: 'fine', title: 'Fine', run: async () => {} },
			]),
			{ folder: echo, onEvent: (event) => events.push(event) },
		);
		assert.deepEqual(
			result.checks.map((c) => [c.id, c.status, c.message]),
			[
				['broken', 'fail', 'grader error: x is not a function'],
				['fine', 'pass', undefined],
			],
		);
		assert.equal(result.passed, false);
	});

	it('stops the program of one check before the next check starts', async () => {
		let pid = 0;
		let goneAtNextCheck = false;
		const unsubscribe = onSpawn((spawned) => (pid = spawned));
		try {
			const result = await runLab(
				lab([
					{ id: 'first', title: 'First', run: async (ctx) => void (await ctx.start()) },
					{
						id: 'second',
						title: 'Second',
						run: async () => void (goneAtNextCheck = pid > 0 && groupGone(pid)),
					},
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
