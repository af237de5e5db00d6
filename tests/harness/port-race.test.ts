// The port the harness picks is free when it is picked, but another process on a busy machine may
// take it before the learner's program binds it. That is nobody's mistake in the learner's code, so
// the harness starts the program again on a fresh port instead of failing the check.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { groupGone, runOneCheck } from './helpers.ts';

describe('a program that lost its port to another process', () => {
	it('is started again on a fresh port, and the check passes', async () => {
		const { result, pids } = await runOneCheck('loses-port-race', async (ctx) => {
			const program = await ctx.start();
			const res = await ctx.request(program, { path: '/' });
			assert.equal(res.text(), 'ok');
		});
		assert.equal(result.checks[0]?.status, 'pass', result.checks[0]?.message);
		assert.equal(pids.length, 2, 'one failed start, then one that listened');
		for (const pid of pids) assert.ok(groupGone(pid), `process group ${pid} is still alive`);
	});
});
