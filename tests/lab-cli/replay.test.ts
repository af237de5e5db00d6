// `lab replay` runs one check as the grader did and leaves the learner's program and the check's
// fake servers running: the curl line it prints must get an answer now, and Ctrl+C (SIGINT) must
// leave no process and no listening port behind.
import assert from 'node:assert/strict';
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { promisify } from 'node:util';
import { labsDir as labs, root, run } from '../grader/helpers.ts';

const cli = join(root, 'src', 'lab-cli', 'cli.ts');

/** Starts the replay and resolves with everything it printed up to its last line of instructions. */
function startReplay(args: string[]): Promise<{ child: ChildProcess; out: string }> {
	const child = spawn(process.execPath, [cli, 'replay', ...args], {
		cwd: root,
		stdio: ['ignore', 'pipe', 'pipe'],
	});
	return new Promise((resolve, reject) => {
		let out = '';
		const timer = setTimeout(() => {
			child.kill('SIGINT');
			reject(new Error(`no instructions within 30 s:\n${out}`));
		}, 30_000);
		child.stdout?.on('data', (chunk: Buffer) => {
			out += chunk.toString();
			if (out.includes('Press Ctrl+C')) {
				clearTimeout(timer);
				resolve({ child, out });
			}
		});
		child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
		child.on('exit', (code) => {
			clearTimeout(timer);
			reject(new Error(`replay exited (${code}) before it was ready:\n${out}`));
		});
	});
}

/** The processes whose parent is `pid`, from /proc. */
function childrenOf(pid: number): number[] {
	return readdirSync('/proc')
		.filter((name) => /^\d+$/.test(name))
		.filter((name) => {
			try {
				return (
					readFileSync(`/proc/${name}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(pid)
				);
			} catch {
				return false;
			}
		})
		.map(Number);
}

function alive(pid: number): boolean {
	try {
		process.kill(pid, 0);
		return true;
	} catch {
		return false;
	}
}

function refuses(port: number): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect(port, '127.0.0.1');
		socket.once('connect', () => (socket.destroy(), resolve(false)));
		socket.once('error', () => resolve(true));
	});
}

async function stopAndCheckClean(child: ChildProcess, out: string): Promise<void> {
	const programs = childrenOf(child.pid ?? 0);
	assert.ok(programs.length > 0, 'the learner program runs as a child of the replay');
	const ports = [...out.matchAll(/http:\/\/127\.0\.0\.1:(\d+)/g)].map((match) => Number(match[1]));
	const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
	child.kill('SIGINT');
	assert.equal(await exited, 130);
	for (const pid of programs) assert.equal(alive(pid), false, `process ${pid} outlived the replay`);
	for (const port of new Set(ports))
		assert.equal(await refuses(port), true, `port ${port} still accepts connections`);
}

describe('lab replay', () => {
	it('a passing check leaves the program and its backends running, and the printed curl line reaches a backend', async (t) => {
		const { child, out } = await startReplay([
			'round-robin',
			join(labs, 'round-robin', 'solution'),
			'--check',
			'rotates-in-order',
			'--seed',
			'7',
		]);
		t.after(() => child.kill('SIGKILL'));
		assert.match(out, /^The check passed\.$/m);
		assert.match(
			out,
			/started with BACKENDS=http:\/\/127\.0\.0\.1:\d+(,http:\/\/127\.0\.0\.1:\d+)+ PORT=\d+/,
		);
		assert.match(out, /Fake server "backend 1" is running at http:\/\/127\.0\.0\.1:\d+/);
		const curl = /^ {2}(curl -i .+)$/m.exec(out)?.[1];
		assert.ok(curl, out);
		const { stdout } = await promisify(execFile)('sh', ['-c', `${curl} --max-time 5 --silent`]);
		assert.match(stdout, /^HTTP\/1\.1 200 /);
		assert.match(stdout, /"backend":\d/);
		await stopAndCheckClean(child, out);
	});

	it('a failing check names its failure, and its curl line gets the starter program’s answer now', async (t) => {
		const { child, out } = await startReplay([
			'orders-api',
			join(labs, 'orders-api', 'starter'),
			'--check',
			'lists-products',
			'--seed',
			'3',
		]);
		t.after(() => child.kill('SIGKILL'));
		assert.match(out, /^The check failed: Expected status 200 for GET \/products, got 404/m);
		const curl = /^ {2}(curl -i .+)$/m.exec(out)?.[1];
		assert.ok(curl, out);
		const { stdout } = await promisify(execFile)('sh', ['-c', `${curl} --max-time 5 --silent`]);
		assert.match(stdout, /^HTTP\/1\.1 404 /);
		await stopAndCheckClean(child, out);
	});

	it('refuses an unknown check and names the lab’s checks', async () => {
		const ran = await run(process.execPath, [
			cli,
			'replay',
			'round-robin',
			join(labs, 'round-robin', 'starter'),
			'--check',
			'nope',
		]);
		assert.equal(ran.code, 2);
		assert.match(
			ran.stderr,
			/Lab round-robin has no check "nope"\. Its checks: rotates-in-order, /,
		);
	});
});
