// Shared by the runtime tests: the real site server with the runtime mounted on 127.0.0.1:0, raw
// requests whose every header the test chooses (Host and Origin included), and the event stream
// (read by ./events.ts, which waits for states instead of sleeping).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { createSiteServer } from '../../scripts/serve.ts';
import {
	createRuntimeHandler,
	type RuntimeHandler,
	type RuntimeHandlerOptions,
} from '../../src/runtime/local-server.ts';
import { sandboxSupport } from '../../src/sandbox/probe.ts';
import type { LabFiles, RuntimeCommand } from '../../src/shared/protocol.ts';
import { Events } from './events.ts';

export { Events };

export const root = join(import.meta.dirname, '..', '..');

export interface TestServer {
	port: number;
	/** `127.0.0.1:<port>`, the Host a page of the site sends. */
	host: string;
	handler: RuntimeHandler;
	/** Cuts every connection to the server, event streams included, as a network that dropped them
	 * would; the server goes on listening. */
	drop(): void;
	close(): Promise<void>;
}

/** The site server of `npm start` (over an empty folder) with the runtime mounted, on port 0.
 * `options` go to the runtime; RUNTIME_TEST_SANDBOX=1 runs every suite's programs in the sandbox,
 * to compare what the page sees in it and out of it without adding those runs to every test run. */
export async function startServer(
	options: RuntimeHandlerOptions = envOptions(),
): Promise<TestServer> {
	const empty = mkdtempSync(join(tmpdir(), 'runtime-site-'));
	const handler = createRuntimeHandler(options);
	const site = await createSiteServer({ root: empty, port: 0, handle: handler });
	const { port } = site.server.address() as AddressInfo;
	return {
		port,
		host: `127.0.0.1:${port}`,
		handler,
		drop: () => site.server.closeAllConnections(),
		async close() {
			await handler.close();
			await site.close();
			rmSync(empty, { recursive: true, force: true });
		},
	};
}

/** The sandbox, for RUNTIME_TEST_SANDBOX=1; a machine without one fails loudly rather than
 * quietly comparing the runtime with itself. */
function envOptions(): RuntimeHandlerOptions {
	if (process.env['RUNTIME_TEST_SANDBOX'] !== '1') return {};
	const support = sandboxSupport();
	if (!support.ok) throw new Error(`RUNTIME_TEST_SANDBOX=1: ${support.why}`);
	return { sandbox: support };
}

export interface RawResponse {
	status: number;
	headers: IncomingMessage['headers'];
	body: string;
}

/** One request with exactly these headers (Node adds only Content-Length for a body). */
export function raw(
	port: number,
	method: string,
	path: string,
	headers: Record<string, string>,
	body?: string | Buffer,
): Promise<RawResponse> {
	return new Promise((resolve, reject) => {
		const req = request({
			host: '127.0.0.1',
			port,
			method,
			path,
			headers,
			agent: false,
			setHost: false,
		});
		req.on('error', reject);
		req.on('response', (res) => {
			const chunks: Buffer[] = [];
			res.on('data', (chunk: Buffer) => chunks.push(chunk));
			res.on('end', () =>
				resolve({
					status: res.statusCode ?? 0,
					headers: res.headers,
					body: Buffer.concat(chunks).toString(),
				}),
			);
		});
		req.end(body);
	});
}

/** What a page of the site sends with every request. */
export function pageHeaders(server: TestServer, token?: string): Record<string, string> {
	const headers: Record<string, string> = { Host: server.host, 'Sec-Fetch-Site': 'same-origin' };
	if (token) headers['X-Runtime-Token'] = token;
	return headers;
}

export async function getToken(server: TestServer): Promise<string> {
	const response = await raw(server.port, 'GET', '/__runtime/session', pageHeaders(server));
	return (JSON.parse(response.body) as { token: string }).token;
}

export async function send(
	server: TestServer,
	token: string,
	command: RuntimeCommand,
): Promise<RawResponse> {
	const headers = {
		...pageHeaders(server, token),
		Origin: `http://${server.host}`,
		'Content-Type': 'application/json',
	};
	return raw(server.port, 'POST', '/__runtime/command', headers, JSON.stringify(command));
}

export function openEvents(server: TestServer, token: string): Promise<Events> {
	return new Promise((resolve, reject) => {
		const req = request({
			host: '127.0.0.1',
			port: server.port,
			path: '/__runtime/events',
			headers: pageHeaders(server, token),
			agent: false,
			setHost: false,
		});
		req.on('error', reject);
		req.on('response', (res) => {
			if (res.statusCode !== 200) reject(new Error(`Event stream answered ${res.statusCode}`));
			else resolve(new Events(res));
		});
		req.end();
	});
}

/** A lab folder's files, as the page would send them. */
export function labFiles(lab: string, variant: 'starter' | 'solution'): LabFiles {
	const folder = join(root, 'labs', lab, variant);
	const files: LabFiles = {};
	for (const name of readdirSync(folder)) files[name] = readFileSync(join(folder, name), 'utf8');
	return files;
}

/** True while any process of the group led by `pid` is alive. A zombie is not: bubblewrap exits as
 * soon as its program has, without waiting for its own init, which the machine's init then reaps
 * when it gets to it (at once on most machines, after seconds on some). */
export function groupAlive(pid: number): boolean {
	let names: string[];
	try {
		names = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		try {
			process.kill(-pid, 0);
			return true;
		} catch {
			return false;
		}
	}
	return names.some((name) => {
		const fields = statOf(name);
		return fields?.[2] === String(pid) && fields[0] !== 'Z';
	});
}

/** The fields of /proc/<pid>/stat after the command name (0 the state, 2 the group, 11 and 12 the
 * CPU ticks), or `undefined` for a process that ended meanwhile. */
function statOf(pid: string): string[] | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
	} catch {
		return undefined;
	}
}

export { until } from '../support/poll.ts';

/** One of the harness's bad-program fixtures, as the orders-api lab's `server.js`. */
export function fixtureProgram(fixture: string): LabFiles {
	const file = join(root, 'tests', 'fixtures', 'programs', fixture, 'server.js');
	return { 'server.js': readFileSync(file, 'utf8'), 'package.json': '{"type":"module"}\n' };
}

/** CPU time the process group led by `pid` used, in clock ticks, from Linux's /proc (0 where there
 * is none): the program's own, or, when it runs in the sandbox, that of everything inside. */
export function cpuTicks(pid: number): number {
	let ticks = 0;
	for (const name of readdirSync('/proc').filter((entry) => /^\d+$/.test(entry))) {
		const fields = statOf(name);
		if (fields?.[2] === String(pid)) ticks += Number(fields[11]) + Number(fields[12]);
	}
	return ticks;
}

/** One page's session on a fresh server, for the suite that calls this: opened before its tests
 * (up to the stream's `ready` event) and closed after them. */
export interface SuiteSession {
	server: TestServer;
	token: string;
	events: Events;
	/** Sends a command and expects the runtime to accept it. */
	command(this: void, body: RuntimeCommand): Promise<void>;
}

export function suiteSession(): SuiteSession {
	const session = {
		async command(body: RuntimeCommand) {
			assert.equal((await send(session.server, session.token, body)).status, 202);
		},
	} as SuiteSession;
	before(async () => {
		session.server = await startServer();
		session.token = await getToken(session.server);
		session.events = await openEvents(session.server, session.token);
		await session.events.next('ready');
	});
	after(async () => {
		session.events.close();
		await session.server.close();
	});
	return session;
}
