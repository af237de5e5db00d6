import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { RuntimeEvent } from '../../src/shared/protocol.ts';
import {
	commandLine,
	decodeFrame,
	encodeFrame,
	FrameReader,
	MAX_LINE,
	parseCommandLine,
	type Frame,
} from '../../src/shared/wire.ts';

// The terminal protocol between the page and the session: what a terminal does to lines (carriage
// returns, colour codes, echo, stderr mixed in, a line cut or two lines run together) must never
// turn into a wrong event, and a whole frame must survive all of it.

const event: RuntimeEvent = {
	type: 'output',
	stream: 'stdout',
	line: 'naïve “quotes” \u001b[31mred\u001b[0m\ttab 🚀',
};
const frame: Frame = { kind: 'event', seq: 12, event };

/** The one line a small frame takes. */
function one(value: Frame): string {
	const lines = encodeFrame(value);
	assert.equal(lines.length, 1);
	return lines[0] ?? '';
}

describe('terminal framing', () => {
	test('a frame survives the carriage return, colour codes and stderr a terminal puts around it', () => {
		const line = one(frame);
		assert.deepEqual(decodeFrame(line), frame);
		assert.deepEqual(decodeFrame(`${line}\r`), frame);
		assert.deepEqual(decodeFrame(`\u001b[0m\u001b[?25l${line}\u001b[K\r`), frame);
		assert.deepEqual(decodeFrame(`(node:12) Warning: something on stderr${line}`), frame);
		assert.ok(!line.slice(1).includes('\n') && !line.includes('\r') && !line.includes('\u001b'));
	});

	test('echo, stderr and a learner line that imitates a frame are not events', () => {
		assert.equal(decodeFrame('do 3'), undefined);
		assert.equal(
			decodeFrame(JSON.stringify({ type: 'check', event: { type: 'run-end' } })),
			undefined,
		);
		assert.equal(decodeFrame('§lab§ 5 00000000 {"kind":"beat","last":1}'), undefined);
		assert.equal(decodeFrame(''), undefined);
	});

	test('a frame that lost, gained or changed a character is refused', () => {
		const line = one(frame);
		assert.equal(decodeFrame(line.slice(0, -1)), undefined);
		assert.equal(decodeFrame(line.slice(0, 80)), undefined);
		assert.equal(decodeFrame(`${line}x`), undefined);
		assert.equal(decodeFrame(line.replace('seq":12', 'seq":13')), undefined);
		// Same length, one character changed inside the body.
		assert.equal(decodeFrame(line.replace('naïve', 'naive')), undefined);
	});

	test('two frames run together give the last, whole one; the page asks for the first again', () => {
		const first = one({ kind: 'event', seq: 1, event: { type: 'stopped' } });
		const second = one({ kind: 'beat', last: 1 });
		assert.deepEqual(decodeFrame(`${first}${second}`), { kind: 'beat', last: 1 });
		assert.equal(decodeFrame(`${first.slice(0, 30)}${second.slice(0, 20)}`), undefined);
	});

	test('a frame too long for one line travels in parts, each checked, and comes back whole', () => {
		const long: Frame = {
			kind: 'event',
			seq: 40,
			event: { type: 'output', stream: 'stderr', line: `"quoted" \\ ${'é🚀x'.repeat(900)}` },
		};
		const lines = encodeFrame(long);
		assert.ok(lines.length > 3, `${lines.length} parts`);
		for (const line of lines)
			assert.ok(line.length <= MAX_LINE, `a part of ${line.length} characters`);
		// Out of order, with terminal noise and echo between them: still one whole frame, once.
		const reader = new FrameReader();
		const seen = [...lines]
			.reverse()
			.flatMap((line) => [reader.read(`${line}\r`), reader.read('resend 40')]);
		assert.deepEqual(
			seen.filter((item) => item !== undefined),
			[long],
		);
		// One part damaged: nothing comes out until it is sent again.
		const again = new FrameReader();
		const damaged = lines.map((line, i) => (i === 1 ? line.replace('x', 'y') : line));
		assert.deepEqual(
			damaged.map((line) => again.read(line)).filter((item) => item !== undefined),
			[],
		);
		assert.deepEqual(again.read(lines[1] ?? ''), long);
	});

	test('command lines are short and nothing else is read as one', () => {
		assert.equal(commandLine({ verb: 'do', n: 4 }), 'do 4');
		assert.deepEqual(parseCommandLine('do 4\r'), { verb: 'do', n: 4 });
		assert.deepEqual(parseCommandLine(commandLine({ verb: 'resend', seq: 17 })), {
			verb: 'resend',
			seq: 17,
		});
		for (const line of [
			'do',
			'do -1',
			'do 4; rm -rf /',
			'run round-robin',
			`do ${'9'.repeat(12)}`,
			'{"type":"stop"}',
		]) {
			assert.equal(parseCommandLine(line), undefined, line);
		}
	});
});
