// Telling the learner's listener from another process's on the same port, from /proc: the answer
// that keeps a program which lost its port race from being judged by someone else's server.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { after, describe, it } from 'node:test';
import { groupListensOn, listeningPorts } from '../../src/harness/listeners.ts';
import { freePort } from '../support/port.ts';
import { signalGroup } from '../../src/harness/process-registry.ts';

const linux = process.platform === 'linux';
const started: ChildProcess[] = [];
const servers: Server[] = [];

/** Starts a Node program in a group of its own and resolves once it printed "ready". */
async function program(source: string, port: number): Promise<ChildProcess> {
	const child = spawn(process.execPath, ['--input-type=module', '-e', source], {
		env: { PORT: String(port) },
		detached: true,
		stdio: ['ignore', 'pipe', 'inherit'],
	});
	started.push(child);
	await new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error('the program did not get ready')), 10_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			if (!chunk.toString().includes('ready')) return;
			clearTimeout(timer);
			resolve();
		});
	});
	return child;
}

const listen = `import { createServer } from 'node:http';
createServer((q, s) => s.end()).listen(Number(process.env.PORT), () => console.log('ready'));`;

describe('listeners from /proc', { skip: !linux && 'needs Linux /proc' }, () => {
	after(() => {
		for (const child of started) signalGroup(child.pid ?? -1, 'SIGKILL');
		for (const server of servers) server.close();
	});

	it('finds the port the program itself listens on', async () => {
		const port = await freePort();
		const child = await program(listen, port);
		assert.equal(groupListensOn(child.pid ?? -1, port), true);
		assert.deepEqual(listeningPorts(child.pid ?? -1), [port]);
	});

	it('finds a port that a child process of the group listens on', async () => {
		const port = await freePort();
		const forking = `import { spawn } from 'node:child_process';
spawn(process.execPath, ['--input-type=module', '-e', ${JSON.stringify(listen)}], { stdio: 'inherit' });`;
		const child = await program(forking, port);
		assert.equal(groupListensOn(child.pid ?? -1, port), true);
		assert.deepEqual(listeningPorts(child.pid ?? -1), [], 'the leader itself listens on nothing');
	});

	it('says no when another process holds the port, or nobody does', async () => {
		const child = await program(`console.log('ready'); setInterval(() => {}, 1000);`, 0);
		const taken = await freePort();
		const server = createServer((_request, response) => response.end());
		servers.push(server);
		await new Promise<void>((resolve) => server.listen(taken, '127.0.0.1', resolve));
		assert.equal(groupListensOn(child.pid ?? -1, taken), false);
		assert.equal(groupListensOn(child.pid ?? -1, await freePort()), false);
	});
});
