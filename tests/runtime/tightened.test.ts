// The local runtime, tightened (issue 12): a session's token ends with its event stream, programs
// are capped across every session of the runtime, and the site server never answers a path with
// a protocol-relative redirect that would send the browser to another host.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { createSiteServer } from '../../scripts/serve.ts';
import { MAX_RUNS, runSlotsInUse, takeRunSlot } from '../../src/runtime/run-slots.ts';
import { getToken, labFiles, openEvents, pageHeaders, raw, send, startServer } from './helpers.ts';

describe('the local runtime, tightened', () => {
	it('forgets a token once its event stream has closed', async () => {
		const server = await startServer();
		try {
			const token = await getToken(server);
			const events = await openEvents(server, token);
			await events.next('ready');
			assert.equal((await send(server, token, { type: 'stop' })).status, 202);
			events.close();
			// The server learns of the closed stream a moment later: ask again, a bounded number of times.
			let status = 0;
			for (const end = Date.now() + 5000; status !== 401 && Date.now() < end;) {
				status = (await send(server, token, { type: 'stop' })).status;
			}
			assert.equal(status, 401, 'a command with the token of a closed stream');
			const reopened = await raw(
				server.port,
				'GET',
				'/__runtime/events',
				pageHeaders(server, token),
			);
			assert.equal(reopened.status, 401, 'an event stream with the token of a closed stream');
		} finally {
			await server.close();
		}
	});

	it('refuses to start a run when every slot of the runtime is taken, and starts once one frees', async () => {
		const server = await startServer();
		// Other pages' runs, held for the length of the test; bounded by the cap itself.
		const held: (() => void)[] = [];
		try {
			for (let i = 0; i < MAX_RUNS; i++) held.push(takeRunSlot());
			assert.throws(() => takeRunSlot(), /at most \d+ at once/);
			const token = await getToken(server);
			const events = await openEvents(server, token);
			await events.next('ready');
			const files = labFiles('orders-api', 'solution');
			assert.equal(
				(await send(server, token, { type: 'run', lab: 'orders-api', files })).status,
				202,
			);
			const refused = await events.next('error');
			assert.match(refused.message, /already running \d+ programs for other pages/);
			held.pop()?.();
			assert.equal(
				(await send(server, token, { type: 'run', lab: 'orders-api', files })).status,
				202,
			);
			await events.next('started', () => true, 20_000);
			assert.equal(runSlotsInUse(), MAX_RUNS);
			assert.equal((await send(server, token, { type: 'stop' })).status, 202);
			await events.next('stopped');
			assert.equal(runSlotsInUse(), MAX_RUNS - 1, 'the stopped run gave its slot back');
			events.close();
		} finally {
			for (const release of held) release();
			await server.close();
		}
	});
});

describe('the site server', () => {
	const site = mkdtempSync(join(tmpdir(), 'serve-redirect-'));
	after(() => rmSync(site, { recursive: true, force: true }));
	mkdirSync(join(site, 'lessons'));
	writeFileSync(join(site, 'lessons', 'index.html'), '<!doctype html><title>Lessons</title>');

	for (const base of ['/', '/courses/client-server/']) {
		it(`never redirects to another host (base ${base})`, async () => {
			const server = await createSiteServer({ root: site, port: 0, base });
			const { port } = server.server.address() as AddressInfo;
			try {
				const prefix = base.slice(0, -1);
				// Dot segments that leave a double slash at the front: the folder's redirect must stay here.
				for (const path of ['/x/..//lessons', '/x/..///lessons?a=1', '/x/y/../..//lessons']) {
					const response = await raw(port, 'GET', `${prefix}${path}`, {
						Host: `127.0.0.1:${port}`,
					});
					assert.equal(response.status, 301, `${path}: ${response.status}`);
					const location = response.headers.location ?? '';
					assert.ok(!location.startsWith('//'), `${path} redirects to ${location}`);
					assert.equal(new URL(location, `http://127.0.0.1:${port}`).host, `127.0.0.1:${port}`);
					assert.match(location, new RegExp(`^${base}lessons/`));
				}
			} finally {
				await server.close();
			}
		});
	}
});
