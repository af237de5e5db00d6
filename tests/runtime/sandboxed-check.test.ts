// The local runtime with its check runs in the sandbox (`npm start`'s default on Linux): a Check
// press runs inside bubblewrap, a solution still passes, and Stop behaves as it does outside (the
// running check fails, the rest are skipped, the run does not pass).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createSiteServer } from '../../scripts/serve.ts';
import { createRuntimeHandler } from '../../src/runtime/local-server.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import {
	fixtureProgram,
	getToken,
	labFiles,
	openEvents,
	send,
	type TestServer,
} from './helpers.ts';

describe('check runs in the sandbox', () => {
	let server: TestServer;
	let site: string;
	before(async () => {
		const support = sandboxSupport();
		assert.ok(support.ok, support.ok ? '' : support.why);
		site = mkdtempSync(join(tmpdir(), 'runtime-sandbox-'));
		const handler = createRuntimeHandler({ sandbox: support });
		const served = await createSiteServer({ root: site, port: 0, handle: handler });
		const { port } = served.server.address() as AddressInfo;
		server = {
			port,
			host: `127.0.0.1:${port}`,
			handler,
			drop: () => served.server.closeAllConnections(),
			async close() {
				await handler.close();
				await served.close();
			},
		};
	});
	after(async () => {
		await server.close();
		rmSync(site, { recursive: true, force: true });
	});

	const checkRun = async (files: Record<string, string>) => {
		const token = await getToken(server);
		const events = await openEvents(server, token);
		await events.next('ready');
		assert.equal(
			(await send(server, token, { type: 'check', lab: 'orders-api', files })).status,
			202,
		);
		return { token, events };
	};

	test('runs a Check press inside bubblewrap, where a solution still passes', async () => {
		const probe = {
			'package.json': '{"type":"module"}\n',
			'server.js':
				"import { readFileSync } from 'node:fs';\n" +
				"const init = readFileSync('/proc/1/cmdline', 'utf8');\n" +
				"console.log(init.split('\\0')[0].endsWith('bwrap') ? 'in a sandbox' : 'outside: ' + init);\n" +
				'process.exit(1);\n',
		};
		const probed = await checkRun(probe);
		const first = await probed.events.next('check', ({ event }) => event.type === 'check-end');
		assert.ok(first.event.type === 'check-end');
		assert.match(first.event.message ?? '', /it last printed: in a sandbox/);
		probed.events.close();

		const solved = await checkRun(labFiles('orders-api', 'solution'));
		const end = await solved.events.next('check', ({ event }) => event.type === 'run-end', 60_000);
		assert.ok(end.event.type === 'run-end' && end.event.passed, JSON.stringify(solved.events.all));
		solved.events.close();
	});

	test('Stop fails the running check, skips the rest, and the run does not pass', async () => {
		const { token, events } = await checkRun(fixtureProgram('loops-on-request'));
		await events.next('check', ({ event }) => event.type === 'check-start');
		const started = Date.now();
		assert.equal((await send(server, token, { type: 'stop' })).status, 202);
		const end = await events.next('check', ({ event }) => event.type === 'run-end');
		assert.ok(end.event.type === 'run-end' && !end.event.passed);
		assert.ok(Date.now() - started < 4000, `stopped in ${Date.now() - started} ms`);
		const statuses = events.all.flatMap((event) =>
			event.type === 'check' && event.event.type === 'check-end' ? [event.event.status] : [],
		);
		assert.equal(statuses[0], 'fail');
		assert.ok(
			statuses.slice(1).every((status) => status === 'skip'),
			statuses.join(', '),
		);
		events.close();
	});
});
