// The pinning of fixture messages, without running a lab: what normalising masks and keeps, that a
// changed or missing message is reported with both texts and the command to record it, and that
// recording keeps the rest of FIXTURE.json.
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { normaliseMessage } from '../../src/harness/message-normalise.ts';
import {
	messageMatches,
	messageMismatch,
	readExpectedMessage,
	RECORD_COMMAND,
	writeExpectedMessage,
} from '../../src/labs/fixture-messages.ts';

describe('normaliseMessage', () => {
	it('masks ports, times, stretched options, temporary folders and uuids, keeps the words', () => {
		const message =
			'Expected fetchWithRetry("http://127.0.0.1:43697/x", {"timeoutMs":918,"retries":2}) to settle within 6336 ms, got 1002 ms later; order 83f82b44-226e-4c6e-ae90-21eb7bae832e, file /tmp/lab-web-tier-I5o2zH/secret-k69evd.txt, port 44885';
		assert.equal(
			normaliseMessage(message),
			'Expected fetchWithRetry("http://127.0.0.1:<port>/x", {"timeoutMs":<n>,"retries":2}) to settle within <n> ms, got <n> ms later; order <uuid>, file <tmp>/secret-k69evd.txt, port <port>',
		);
	});

	it('drops the confirmation suffix, whose presence and factor follow the machine', () => {
		const confirmed =
			'Expected 1 attempt, the origin received 2 (confirmed: the check failed again when run a second time, with time limits stretched 2.6×)';
		assert.equal(normaliseMessage(confirmed), 'Expected 1 attempt, the origin received 2');
		assert.equal(
			normaliseMessage('No answer (confirmed: the check failed again when run a second time)'),
			'No answer',
		);
	});

	it('masks ports and temporary folders written percent-encoded', () => {
		assert.equal(
			normaliseMessage(
				'GET /%2Ftmp/lab-web-tier-5r63Cq/secret.txt, cookie ria=http%3A%2F%2F127.0.0.1%3A45119',
			),
			'GET /<tmp>/secret.txt, cookie ria=http%3A%2F%2F127.0.0.1%3A<port>',
		);
	});

	it('masks values a program draws with crypto.randomBytes()', () => {
		assert.equal(
			normaliseMessage('got Set-Cookie: qgq_xzxo=5faa552fb3fe9bb3; Path=/'),
			'got Set-Cookie: qgq_xzxo=<hex>; Path=/',
		);
	});

	it('leaves seeded data and counts alone', () => {
		const message = 'Expected request 4 (GET /lhwzl/r-gctoaj) to reach backend 3, got 1 × GET';
		assert.equal(normaliseMessage(message), message);
	});
});

describe('messageMismatch', () => {
	const folder = mkdtempSync(join(tmpdir(), 'fixture-messages-'));
	after(() => rmSync(folder, { recursive: true, force: true }));
	const fixture = { folder, name: 'drops-query', failsCheck: 'forwards-path' };

	it('accepts the same message with other ports and times', () => {
		const expected = 'Expected 502 from http://127.0.0.1:<port> within <n> ms, got 500';
		const actual = 'Expected 502 from http://127.0.0.1:40211 within 2420 ms, got 500';
		assert.equal(messageMismatch('round-robin', fixture, expected, actual), undefined);
	});

	it('reports a changed message with both texts and the command to record it', () => {
		const report = messageMismatch(
			'round-robin',
			fixture,
			'Expected 502 from http://127.0.0.1:<port>, got 500',
			'failed',
		);
		assert.ok(report, 'a changed message must be reported');
		assert.match(report, /changed/);
		assert.match(report, /expected: Expected 502 from http:\/\/127\.0\.0\.1:<port>, got 500/);
		assert.match(report, /actual: {3}failed/);
		assert.ok(report.includes(`${RECORD_COMMAND} -- round-robin`), report);
		assert.ok(report.includes('forwards-path'), report);
	});

	it('lets <varies> stand for any text, and only there', () => {
		const expected = 'Your program exited before answering GET <varies> (it crashed)';
		assert.equal(
			messageMatches(expected, 'Your program exited before answering GET /a/r-1 (it crashed)'),
			true,
		);
		assert.equal(
			messageMatches(expected, 'Your program exited before answering GET /a/r-1'),
			false,
		);
		assert.equal(messageMatches('Expected 5 (x)', 'Expected 5 (y)'), false);
		const report = messageMismatch('balancing-strategies', fixture, expected, 'failed');
		assert.ok(report?.includes('expected: Your program exited before answering GET <varies>'));
	});

	it('reports a fixture without a recorded message, naming the command', () => {
		const report = messageMismatch('server-push', fixture, undefined, 'Expected 200, got 404');
		assert.ok(report);
		assert.match(report, /no recorded message; run npm run fixtures:record -- server-push\./);
		assert.match(report, /it failed with: Expected 200, got 404/);
	});
});

describe('recording into FIXTURE.json', () => {
	const folder = mkdtempSync(join(tmpdir(), 'fixture-record-'));
	after(() => rmSync(folder, { recursive: true, force: true }));
	const fixture = { folder, name: 'one', failsCheck: 'some-check' };
	const file = join(folder, 'FIXTURE.json');

	it('adds the message after the other fields, in the tab layout, and writes once', () => {
		writeFileSync(file, '{\n\t"rule": "A rule.",\n\t"failsCheck": "some-check"\n}\n');
		assert.equal(readExpectedMessage(fixture), undefined);
		assert.equal(writeExpectedMessage(fixture, 'Expected <n> ms'), true);
		assert.equal(
			readFileSync(file, 'utf8'),
			'{\n\t"rule": "A rule.",\n\t"failsCheck": "some-check",\n\t"expectedMessage": "Expected <n> ms"\n}\n',
		);
		assert.equal(readExpectedMessage(fixture), 'Expected <n> ms');
		assert.equal(writeExpectedMessage(fixture, 'Expected <n> ms'), false);
	});
});
