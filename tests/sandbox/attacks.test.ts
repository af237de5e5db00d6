// The attacks of issue 12, each as a submission graded by the real grader with `--sandbox` (and,
// where it shows the attack is real, without it): each runs one orders-api check, so the whole file
// stays within a few seconds of processor time per attack.
import assert from 'node:assert/strict';
import {
	mkdirSync,
	mkdtempSync,
	readdirSync,
	rmSync,
	symlinkSync,
	truncateSync,
	writeFileSync,
} from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { labsDir, run } from '../grader/helpers.ts';
import { cli, processesWith, program, ranCheck } from './helpers.ts';
import { eventually } from '../support/poll.ts';

const scratch = mkdtempSync(join(tmpdir(), 'sandbox-attacks-'));
after(() => rmSync(scratch, { recursive: true, force: true }));

const CANARY = 'grader-secret-4b1d';
const grade = (
	folder: string,
	sandbox: boolean,
	env: Record<string, string> = {},
	extra: string[] = [],
) =>
	run(
		process.execPath,
		[
			cli,
			'orders-api',
			folder,
			'--json',
			'--only',
			'lists-products',
			sandbox ? '--sandbox' : '--no-sandbox',
			...extra,
		],
		{ env: { GRADER_CANARY: CANARY, ...env }, timeoutMs: 60_000 },
	);

describe('grade --sandbox against hostile submissions', () => {
	it("cannot import the course's solution, which it can without the sandbox", async () => {
		const solution = join(labsDir, 'orders-api', 'solution', 'server.js');
		const cheat = program(
			join(scratch, 'cheat'),
			`const tries = [${JSON.stringify(solution)}, '/proc/' + process.ppid + '/cwd/labs/orders-api/solution/server.js', '/proc/1/cwd/labs/orders-api/solution/server.js', '/course/labs/orders-api/solution/server.js'];\n` +
				'let found = false;\n' +
				'for (const path of tries) { try { await import(path); found = true; break; } catch {} }\n' +
				"if (!found) { console.error('no solution to import'); process.exit(1); }\n",
		);
		const [inside, outside] = await Promise.all([grade(cheat, true), grade(cheat, false)]);
		assert.equal(ranCheck(outside.stdout, outside.stderr, 'lists-products').status, 'pass');
		const check = ranCheck(inside.stdout, inside.stderr, 'lists-products');
		assert.equal(check.status, 'fail');
		assert.match(check.message ?? '', /no solution to import/);
		assert.equal(inside.code, 1);
	});

	it("sees nothing of the grader's environment, which it reads without the sandbox", async () => {
		const spy = program(
			join(scratch, 'spy'),
			"import { readFileSync } from 'node:fs';\n" +
				"const parent = readFileSync('/proc/' + process.ppid + '/environ', 'utf8').split('\\0').filter(Boolean);\n" +
				"console.log('ENV ' + JSON.stringify({ own: Object.keys(process.env), parent, values: process.env }));\n" +
				'process.exit(1);\n',
		);
		const [inside, outside] = await Promise.all([grade(spy, true), grade(spy, false)]);
		assert.match(
			outside.stdout,
			new RegExp(CANARY),
			'without the sandbox the spy reads the grader',
		);
		const message = ranCheck(inside.stdout, inside.stderr, 'lists-products').message ?? '';
		const seen = JSON.parse(message.slice(message.indexOf('ENV ') + 4)) as {
			own: string[];
			parent: string[];
		};
		assert.doesNotMatch(inside.stdout, new RegExp(CANARY));
		const allowed = ['PATH', 'HOME', 'TMPDIR', 'LANG', 'PORT', 'API_TOKEN'];
		for (const name of seen.own) assert.ok(allowed.includes(name), `the program sees ${name}`);
		const parentNames = seen.parent.map((entry) => entry.split('=')[0] ?? '');
		for (const name of parentNames) {
			assert.ok([...allowed, 'PWD'].includes(name), `its harness has ${name}`);
		}
	});

	it("cannot find the run's seed on any command line or standard input, which it can without the sandbox", async () => {
		// With the seed, a cheat could replay the grader's random data and answer from a table.
		const seed = '3141592653';
		const spy = program(
			join(scratch, 'seed-spy'),
			"import { closeSync, constants, openSync, readFileSync, readSync, readdirSync } from 'node:fs';\n" +
				'const seen = [];\n' +
				"for (const pid of readdirSync('/proc').filter((name) => /^\\d+$/.test(name))) {\n" +
				"\ttry { seen.push(readFileSync('/proc/' + pid + '/cmdline', 'utf8')); } catch {}\n" +
				// Non-blocking, so an input pipe with a writer still attached cannot hang the spy.
				"\ttry { const fd = openSync('/proc/' + pid + '/fd/0', constants.O_RDONLY | constants.O_NONBLOCK);\n" +
				"\t\tconst buffer = Buffer.alloc(4096); seen.push(buffer.toString('utf8', 0, readSync(fd, buffer))); closeSync(fd); } catch {}\n" +
				'}\n' +
				`console.log(seen.join(' ').includes('${seed}') ? 'SEED FOUND' : 'SEED HIDDEN');\n` +
				'process.exit(1);\n',
		);
		const [inside, outside] = await Promise.all([
			grade(spy, true, {}, ['--seed', seed]),
			grade(spy, false, {}, ['--seed', seed]),
		]);
		assert.match(
			ranCheck(outside.stdout, outside.stderr, 'lists-products').message ?? '',
			/SEED FOUND/,
		);
		const check = ranCheck(inside.stdout, inside.stderr, 'lists-products');
		assert.match(check.message ?? '', /SEED HIDDEN/);
		// The harness inside still uses the seed it was handed: a fixture whose message names a
		// seeded figure (how many products the catalogue holds) fails the same way in and out.
		const fixture = join(labsDir, 'orders-api', 'fixtures', 'hard-coded-catalogue');
		const [fixtureInside, fixtureOutside] = await Promise.all([
			grade(fixture, true, {}, ['--seed', seed]),
			grade(fixture, false, {}, ['--seed', seed]),
		]);
		const seeded = (result: { stdout: string; stderr: string }) =>
			ranCheck(result.stdout, result.stderr, 'lists-products').message;
		assert.match(seeded(fixtureOutside) ?? '', /products of products\.json/);
		assert.equal(seeded(fixtureInside), seeded(fixtureOutside));
	});

	it('reaches its own loopback and no other network, not even the host loopback', async () => {
		let hostConnections = 0;
		const host = createServer((socket) => {
			hostConnections++;
			socket.destroy();
		});
		await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
		const port = (host.address() as { port: number }).port;
		try {
			const prober = program(
				join(scratch, 'prober'),
				"import net from 'node:net';\n" +
					'const attempt = (port, host) => new Promise((done) => { const s = net.connect(port, host);' +
					" s.on('connect', () => { s.destroy(); done('connected'); }); s.on('error', (e) => done(e.code));" +
					" setTimeout(() => { s.destroy(); done('timeout'); }, 2000); });\n" +
					"const outside = await attempt(80, '1.1.1.1');\n" +
					`const host = await attempt(${port}, '127.0.0.1');\n` +
					"const own = net.createServer((c) => c.end()).listen(0, '127.0.0.1');\n" +
					"await new Promise((done) => own.on('listening', done));\n" +
					"const loopback = await attempt(own.address().port, '127.0.0.1');\n" +
					'console.log(`NET outside=${outside} host=${host} loopback=${loopback}`);\n' +
					'process.exit(1);\n',
			);
			const ran = await grade(prober, true);
			const message = ranCheck(ran.stdout, ran.stderr, 'lists-products').message ?? '';
			assert.match(message, /NET outside=ENETUNREACH host=ECONNREFUSED loopback=connected/);
			assert.equal(hostConnections, 0);
		} finally {
			host.close();
		}
	});

	it('takes a detached child that moved to / down with it, which outlives the grade without it', async () => {
		const marker = `detached-${process.pid}-${Date.now()}`;
		const escaper = program(
			join(scratch, 'escaper'),
			"import { spawn } from 'node:child_process';\n" +
				`spawn(process.execPath, ['-e', 'process.chdir("/"); setInterval(() => {}, 1000)', ${JSON.stringify(marker)}], { detached: true, stdio: 'ignore' }).unref();\n` +
				'setTimeout(() => process.exit(1), 1000);\n',
		);
		try {
			for (const sandbox of [true, false]) {
				const grading = grade(escaper, sandbox);
				let ended = false;
				void grading.then(() => (ended = true));
				let sawChild = false;
				await eventually(() => {
					sawChild ||= processesWith(marker).length > 0;
					return ended || sawChild;
				}, 30_000);
				const ran = await grading;
				assert.ok(sawChild, `the child never ran: ${ran.stdout}`);
				const gone = await eventually(() => processesWith(marker).length === 0, 3000);
				assert.equal(gone, sandbox, sandbox ? 'the child outlived its sandbox' : 'control');
			}
		} finally {
			for (const pid of processesWith(marker)) process.kill(pid, 'SIGKILL');
		}
	});

	it('stops a fork bomb and a memory hog with a message, leaving no process behind', async () => {
		const marker = `bomb-${process.pid}-${Date.now()}`;
		const bomb = program(
			join(scratch, 'bomb'),
			"import { spawnSync } from 'node:child_process';\n" +
				`spawnSync('/bin/sh', ['-c', 'b() { b | b & }; b; sleep 3', ${JSON.stringify(marker)}], { stdio: 'inherit', timeout: 4000 });\n` +
				'process.exit(1);\n',
		);
		const hog = program(
			join(scratch, 'hog'),
			'const hoard = [];\nfor (;;) hoard.push(Buffer.alloc(64 * 1024 * 1024, 1));\n',
		);
		const [bombed, hogged] = await Promise.all([grade(bomb, true), grade(hog, true)]);
		const bombCheck = ranCheck(bombed.stdout, bombed.stderr, 'lists-products');
		assert.match(bombCheck.message ?? '', /allows \d+ processes and threads at once/);
		const hogCheck = ranCheck(hogged.stdout, hogged.stderr, 'lists-products');
		assert.match(hogCheck.message ?? '', /may use 2 GiB of memory/);
		assert.ok(await eventually(() => processesWith(marker).length === 0, 3000), 'bomb left over');
	});
});

describe('grade --sandbox and the disk', () => {
	it("stops a program that fills /tmp at its cap, and leaves the machine's temporary folder as it was", async () => {
		const tmp = join(scratch, 'tmp-fill');
		mkdirSync(tmp);
		const filler = program(
			join(scratch, 'filler'),
			"import { writeFileSync } from 'node:fs';\n" +
				'const block = Buffer.alloc(4 * 1024 * 1024, 1);\n' +
				"try { for (let i = 0; i < 1000; i++) writeFileSync('/tmp/fill-' + i, block); }\n" +
				"catch (error) { console.error('stopped by ' + error.code); process.exit(1); }\n" +
				"console.error('filled 4 GB'); process.exit(1);\n",
		);
		const ran = await grade(filler, true, { TMPDIR: tmp });
		const message = ranCheck(ran.stdout, ran.stderr, 'lists-products').message ?? '';
		assert.match(message, /stopped by ENOSPC .*\/tmp holds 128 MiB/);
		assert.deepEqual(readdirSync(tmp), []);
	});
});

describe('submissions taken as data', () => {
	it('refuses a symbolic link out of the submission, naming it, with or without the sandbox', async () => {
		program(join(scratch, 'classmate'), 'console.log("a classmate\'s work");\n');
		const linker = program(join(scratch, 'linker'), '', 'notes.txt');
		symlinkSync(join(scratch, 'classmate', 'server.js'), join(linker, 'server.js'));
		for (const sandbox of [true, false]) {
			const ran = await grade(linker, sandbox);
			const message = ranCheck(ran.stdout, ran.stderr, 'lists-products').message ?? '';
			assert.match(message, /server\.js in .* is a symbolic link to .*, outside the submission/);
		}
	});

	it('refuses a 2 GiB sparse file without copying it', async () => {
		const tmp = join(scratch, 'tmp');
		const folder = join(scratch, 'sparse');
		program(folder, '// empty\n');
		writeFileSync(join(folder, 'big.bin'), '');
		truncateSync(join(folder, 'big.bin'), 2 * 1024 ** 3);
		for (const sandbox of [true, false]) {
			rmSync(tmp, { recursive: true, force: true });
			mkdirSync(tmp);
			const ran = await grade(folder, sandbox, { TMPDIR: tmp });
			const message = ranCheck(ran.stdout, ran.stderr, 'lists-products').message ?? '';
			assert.match(message, /big\.bin in .* is 2\.0 GiB; .* so it was not copied/);
			assert.ok(ran.wallMs < 20_000, `took ${ran.wallMs} ms`);
			assert.deepEqual(readdirSync(tmp), [], 'the grader left files in its temporary folder');
		}
	});
});
