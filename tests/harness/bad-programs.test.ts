// Each broken program must fail its check in bounded time with a message naming what went wrong,
// and leave nothing running. These are real programs run by a real Node, through the real runner.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CheckContext } from '../../src/harness/index.ts';
import { groupGone, runOneCheck } from './helpers.ts';

const CHECK_TIMEOUT_MS = 6000;

/** Starts the program and sends it two requests apart, as most lab checks do. */
async function startAndAsk(ctx: CheckContext): Promise<void> {
	const program = await ctx.start({ listenTimeoutMs: 1500 });
	await ctx.request(program, { path: '/hello', timeoutMs: 1000 });
	await ctx.sleep(500);
	await ctx.request(program, { path: '/hello', timeoutMs: 1000 });
}

const cases: { name: string; message: RegExp; output?: RegExp }[] = [
	{
		name: 'crash-at-start',
		message:
			/^Your program exited with code 1 before listening on port \d+ \(it crashed at start\); it last printed: SyntaxError/,
		output: /SyntaxError/,
	},
	{
		name: 'throws-on-request',
		message:
			/^Your program exited with code 1 before answering GET \/hello \(it crashed\); it last printed: Error: handler blew up on \/hello/,
	},
	{
		name: 'never-listens',
		message:
			/^Your program did not listen on port \d+ within 1500 ms — start an HTTP server with server\.listen\(process\.env\.PORT\); it last printed: starting up/,
	},
	{
		name: 'wrong-port',
		message:
			/^Your program did not listen on port (\d+) within 1500 ms: it listens on port (?!\1)\d+ instead of \1 — read the port from process\.env\.PORT$/,
	},
	{
		name: 'loops-at-start',
		message:
			/^Your program did not listen on port \d+ within 1500 ms: it was busy running code the whole time, so it looks stuck in a loop/,
	},
	{
		name: 'loops-on-request',
		message:
			/^No response to GET \/hello within \d+ ms; your program was busy running code the whole time, so it looks stuck in a loop$/,
	},
	{
		name: 'prints-without-end',
		message: /^Your program printed more than (1 MB|5000 lines) of output; it was stopped$/,
	},
	{
		name: 'exits-after-listen',
		message:
			/^Your program exited with code 0 before (listening on port \d+|answering GET \/hello) \(a server must keep running/,
	},
];

describe('a broken learner program', () => {
	for (const { name, message, output } of cases) {
		it(`${name}: fails its check with a message that says so, and leaves no process`, async () => {
			const { result, pids, wallMs } = await runOneCheck(name, startAndAsk, {
				timeoutMs: CHECK_TIMEOUT_MS,
			});
			const [check] = result.checks;
			assert.equal(result.passed, false);
			assert.equal(check?.status, 'fail');
			assert.match(check.message ?? '', message);
			assert.doesNotMatch(check.message ?? '', /\n/, 'a message is one line');
			assert.ok(wallMs < CHECK_TIMEOUT_MS, `took ${wallMs} ms, more than the check's timeout`);
			if (output) assert.match((check.output ?? []).join('\n'), output);
			assert.ok(pids.length > 0, 'the program was started');
			for (const pid of pids) assert.ok(groupGone(pid), `process group ${pid} is still alive`);
		});
	}
});

it('a program stuck in a loop is judged before a long request wait runs out, and says so', async () => {
	// Eight seconds for an answer: a looping program must be recognised long before that.
	const waitMs = 8000;
	const { result, pids, wallMs } = await runOneCheck(
		'loops-on-request',
		async (ctx) => {
			const program = await ctx.start({ listenTimeoutMs: 1500 });
			await ctx.request(program, { path: '/hello', timeoutMs: waitMs });
		},
		{ timeoutMs: 3 * waitMs },
	);
	const [check] = result.checks;
	assert.equal(check?.status, 'fail');
	assert.match(check.message ?? '', /looks stuck in a loop$/);
	const waited = Number(/within (\d+) ms/.exec(check.message ?? '')?.[1]);
	assert.ok(
		waited < waitMs,
		`the verdict came after ${waited} ms, the whole wait (${wallMs} ms in all)`,
	);
	for (const pid of pids) assert.ok(groupGone(pid), `process group ${pid} is still alive`);
});
