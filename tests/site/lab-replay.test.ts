import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { RuntimeKind } from '../../src/client/lab/adapters/types.ts';
import type { Connection } from '../../src/client/lab/connection.ts';
import type { CheckEnd } from '../../src/client/lab/panels/check-entry.ts';
import { createReplays } from '../../src/client/lab/panels/replay.ts';
import type { RequestConsole } from '../../src/client/lab/panels/request-console.ts';
import type { RuntimeCommand } from '../../src/shared/protocol.ts';

// What "Try this request" asks of each runtime, and what the request console says about it. The
// local runtime's side is tested through real HTTP (tests/runtime/replay-endpoint.test.ts) and in
// the page (tests/e2e/lab-try-request.spec.ts); these cover the in-browser runtime, which cannot
// replay and must say so.

const check = {
	type: 'check-end',
	id: 'refused-backend-502',
	title: 'A backend that refuses connections gets 502 and keeps its turn',
	status: 'fail',
} as unknown as CheckEnd;

function page(kind: RuntimeKind) {
	const sent: RuntimeCommand[] = [];
	const notes: (string | undefined)[] = [];
	const connection = {
		kind: () => Promise.resolve(kind),
		send: (command: RuntimeCommand) => {
			sent.push(command);
			return Promise.resolve(true);
		},
	} as unknown as Connection;
	const console = {
		note: (text: string | undefined) => {
			notes.push(text);
		},
	} as RequestConsole;
	const replays = createReplays(
		connection,
		console,
		() => ({ lab: 'round-robin', files: { 'lb.js': '// mine' } }),
		() => {},
	);
	return { replays, sent, notes };
}

const request = { type: 'request', id: 'r1', method: 'GET', path: '/', headers: {} } as const;

test('the local runtime is asked to replay the check with the run’s seed before the request', async () => {
	const { replays, sent, notes } = page('local');
	replays.start(check, { seed: 42 });
	await replays.send(request);
	assert.deepEqual(sent, [
		{
			type: 'replay',
			lab: 'round-robin',
			files: { 'lb.js': '// mine' },
			seed: 42,
			check: 'refused-backend-502',
		},
		request,
	]);
	replays.handle({
		type: 'replay',
		state: 'started',
		check: check.id,
		title: check.title,
		failure: 'Expected 502 …',
		running: true,
		servers: [],
	});
	assert.equal(
		notes.at(-1),
		"Replaying check A backend that refuses connections gets 502 and keeps its turn: your program with the check's backends",
	);
	replays.handle({ type: 'replay', state: 'ended', check: check.id });
	assert.equal(notes.at(-1), undefined);
});

test('the in-browser runtime sends the request to the Run press’s program and says the backends differ', async () => {
	const { replays, sent, notes } = page('webcontainer');
	replays.start(check, { seed: 42 });
	await replays.send(request);
	assert.deepEqual(sent, [request]);
	assert.match(
		notes.at(-1) ?? '',
		/^The in-browser runtime cannot replay a check: the check’s backends are not started here/,
	);
});
