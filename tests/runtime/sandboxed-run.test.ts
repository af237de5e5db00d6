// The local runtime as `npm start` runs it on Linux: a Run press's program runs in a bubblewrap
// sandbox of its own (real bwrap, the real site server and runtime). What the program can reach is
// probed from inside it and read back through the page's request console, and what it leaves
// behind is looked for in this machine's /proc.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { onSpawn } from '../../src/harness/process-registry.ts';
import { sandboxSupport, type Support } from '../../src/sandbox/probe.ts';
import { processesWith } from '../sandbox/helpers.ts';
import {
	cpuTicks,
	fixtureProgram,
	getToken,
	groupAlive,
	openEvents,
	root,
	send,
	startServer,
	until,
	type TestServer,
} from './helpers.ts';

const ESM = '{"type":"module"}\n';

/** A program that tries to read what a sandbox must hide, and answers every request with what it
 * got: `solution: ENOENT` when it could not. */
function prober(solution: string, home: string): Record<string, string> {
	const source = `import { readFileSync, readdirSync } from 'node:fs';
import { createServer } from 'node:http';
const attempt = (what, act) => { try { act(); return what + ': read'; } catch (error) { return what + ': ' + error.code; } };
const seen = [
	attempt('solution', () => readFileSync(${JSON.stringify(solution)})),
	attempt('home', () => readdirSync(${JSON.stringify(home)})),
	attempt('server', () => process.kill(${process.pid}, 0)),
].join('\\n');
createServer((request, response) => response.end(seen)).listen(Number(process.env.PORT), '127.0.0.1');
`;
	return { 'package.json': ESM, 'server.js': source };
}

/** A program that starts a detached child which leaves for `/` and lives on, then listens. */
function spawner(marker: string): Record<string, string> {
	const child = `process.chdir('/'); setInterval(() => {}, 1000);`;
	const source = `import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
spawn(process.execPath, ['-e', ${JSON.stringify(child)}, ${JSON.stringify(marker)}], { detached: true, stdio: 'ignore' }).unref();
createServer((request, response) => response.end('ok')).listen(Number(process.env.PORT), '127.0.0.1');
`;
	return { 'package.json': ESM, 'server.js': source };
}

describe('a Run press in the sandbox', () => {
	let support: Extract<Support, { ok: true }>;
	const servers: TestServer[] = [];
	const spawned: number[] = [];
	let unsubscribe: () => void;
	before(() => {
		const probed = sandboxSupport();
		assert.ok(probed.ok, probed.ok ? '' : probed.why);
		support = probed;
		unsubscribe = onSpawn((pid) => spawned.push(pid));
	});
	after(async () => {
		unsubscribe();
		await Promise.all(servers.map((server) => server.close()));
		for (const pid of spawned) assert.equal(groupAlive(pid), false, `process group ${pid} is gone`);
	});

	/** The Run press's sandbox among the processes spawned since `count`: the runtime may start a
	 * compile-cache warm-up of its own meanwhile (src/sandbox/compile-cache.ts), which is not it. */
	const programAfter = (count: number): number => {
		const commandLine = (pid: number) => {
			try {
				return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
			} catch {
				return undefined;
			}
		};
		const pid = spawned.slice(count).find((candidate) => {
			const line = commandLine(candidate);
			return line !== undefined && !line.includes('compile-cache-warm-up');
		});
		assert.ok(pid !== undefined, 'no Run press sandbox among the processes spawned');
		return pid;
	};

	/** A fresh server and one page on it, with `files` run as the orders-api lab. */
	const run = async (files: Record<string, string>) => {
		const server = await startServer({ sandbox: support });
		servers.push(server);
		const token = await getToken(server);
		const events = await openEvents(server, token);
		await events.next('ready');
		assert.equal(
			(await send(server, token, { type: 'run', lab: 'orders-api', files })).status,
			202,
		);
		return { server, token, events };
	};

	test('cannot read the course’s solutions or the home folder, and the page still reaches it', async () => {
		const solution = join(root, 'labs', 'orders-api', 'solution', 'server.js');
		const home = homedir();
		assert.ok(existsSync(solution) && readdirSync(home), 'both are there to be read outside');
		const { server, token, events } = await run(prober(solution, home));
		await events.next('started');
		const ask = { type: 'request', id: 'probe', method: 'GET', path: '/', headers: {} } as const;
		assert.equal((await send(server, token, ask)).status, 202);
		const answer = await events.next('response', (event) => event.id === 'probe');
		assert.equal(answer.status, 200);
		assert.deepEqual(answer.body.split('\n'), [
			'solution: ENOENT',
			'home: ENOENT',
			'server: ESRCH',
		]);
		events.close();
	});

	for (const ending of ['Stop', 'the page going away', 'the server stopping'] as const) {
		test(`a detached child that moved to / is gone after ${ending}`, async () => {
			const marker = `sandboxed-run-child-${ending.replaceAll(' ', '-')}-${process.pid}`;
			const { server, token, events } = await run(spawner(marker));
			await events.next('started');
			await until(() => processesWith(marker).length > 0, 'the detached child runs');
			if (ending === 'Stop') {
				assert.equal((await send(server, token, { type: 'stop' })).status, 202);
				await events.next('stopped');
			} else if (ending === 'the page going away') events.close();
			else await server.close();
			await until(() => processesWith(marker).length === 0, 'the detached child is gone', 5000);
			events.close();
		});
	}

	test('a crash at start reads the same as outside the sandbox: output lines, exit and message', async () => {
		const seen = async (server: TestServer) => {
			servers.push(server);
			const token = await getToken(server);
			const events = await openEvents(server, token);
			await events.next('ready');
			const files = fixtureProgram('crash-at-start');
			await send(server, token, { type: 'run', lab: 'orders-api', files });
			await events.next('error');
			events.close();
			// The port is drawn afresh for each run; everything else must match.
			return events.all.map((event) => JSON.stringify(event).replace(/port \d+/g, 'port N'));
		};
		const [outside, inside] = await Promise.all([
			seen(await startServer({})),
			seen(await startServer({ sandbox: support })),
		]);
		assert.ok(
			inside.some((line) => line.includes('server.js:4')),
			inside.join('\n'),
		);
		assert.deepEqual(inside, outside);
	});

	test('Stop ends a program that loops in a request handler, and the request with it', async () => {
		const count = spawned.length;
		const { server, token, events } = await run(fixtureProgram('loops-on-request'));
		await events.next('started');
		const pid = programAfter(count);
		const spin = { type: 'request', id: 'spin', method: 'GET', path: '/', headers: {} } as const;
		await send(server, token, spin);
		await until(() => cpuTicks(pid) > 20, 'the program spins');
		await send(server, token, { type: 'stop' });
		const failed = await events.next('request-error', (event) => event.id === 'spin');
		assert.match(failed.message, /stopped before it answered/);
		await events.next('stopped');
		assert.equal(groupAlive(pid), false);
		events.close();
	});
});
