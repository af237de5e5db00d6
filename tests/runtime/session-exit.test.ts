import assert from 'node:assert/strict';
import { tmpdir } from 'node:os';
import { describe, test } from 'node:test';
import type { LabFiles } from '../../src/shared/protocol.ts';
import { suiteSession } from './helpers.ts';

/** An orders-api `server.js` for the playground, as a learner might have written it. */
function serverJs(source: string): LabFiles {
	return { 'server.js': source, 'package.json': '{"type":"module"}\n' };
}

describe('a program that ends by itself', () => {
	const session = suiteSession();
	const { command } = session;

	test('a crash at start is one error line that quotes the program, and an exit', async () => {
		const files = serverJs('const config = JSON.parse(\'{"port": \');\n');
		await command({ type: 'run', lab: 'orders-api', files });
		const exited = await session.events.next('exited');
		assert.equal(exited.code, 1);
		const error = await session.events.next('error');
		assert.match(error.message, /exited with code 1 before listening .*crashed at start/);
		assert.match(error.message, /SyntaxError/);
		assert.doesNotMatch(error.message, /\n/);
		assert.ok(session.events.all.every((event) => event.type !== 'started'));
		// The trace names the learner's own file, not the temporary folder it ran from.
		const lines = session.events.all.flatMap((event) =>
			event.type === 'output' ? [event.line] : [],
		);
		assert.ok(
			lines.some((line) => /\bat server\.js:1:/.test(line)),
			lines.join('\n'),
		);
		assert.ok(
			lines.every((line) => !line.includes(tmpdir())),
			lines.join('\n'),
		);
	});

	test('a crash while answering fails that request, then says how to recover', async () => {
		const files = serverJs(
			[
				"import { createServer } from 'node:http';",
				'createServer(() => process.exit(3)).listen(Number(process.env.PORT));',
			].join('\n'),
		);
		await command({ type: 'run', lab: 'orders-api', files });
		await session.events.next('started');
		await command({ type: 'request', id: 'boom', method: 'GET', path: '/', headers: {} });
		const failed = await session.events.next('request-error');
		assert.equal(failed.id, 'boom');
		assert.match(failed.message, /exited with code 3 before answering GET \//);
		assert.equal((await session.events.any('exited', (event) => event.code === 3)).signal, null);

		await command({ type: 'request', id: 'again', method: 'GET', path: '/', headers: {} });
		const again = await session.events.next('request-error', (event) => event.id === 'again');
		assert.equal(again.message, 'Your program exited with code 3: fix it and press Run');
	});
});
