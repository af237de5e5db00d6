import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { after, before, describe, test } from 'node:test';
import type { RuntimeCommand, RuntimeEvent } from '../../src/shared/protocol.ts';
import { FrameReader, INBOX } from '../../src/shared/wire.ts';
import { labFiles, root } from './helpers.ts';

// The WebContainer's Node may be 20: the bundle must run on the system's Node 20, not only on the
// project's Node 24, and speak the terminal protocol (src/shared/wire.ts): short command lines
// naming files written to its folder, framed and numbered events back.
const SYSTEM_NODE = '/usr/bin/node';

describe(
	'the WebContainer bundle of the lab session',
	{ skip: !existsSync(SYSTEM_NODE) && `${SYSTEM_NODE} is absent` },
	() => {
		let folder: string;
		let bundle: string;
		before(() => {
			folder = mkdtempSync(join(tmpdir(), 'runtime-bundle-'));
			bundle = join(folder, 'session.mjs');
			const built = spawnSync(
				process.execPath,
				[join(root, 'scripts', 'build-runtime.ts'), '--out', bundle],
				{
					encoding: 'utf8',
					timeout: 60_000,
				},
			);
			assert.equal(built.status, 0, built.stderr);
		});
		after(() => rmSync(folder, { recursive: true, force: true }));

		test(`runs round-robin on ${SYSTEM_NODE}: started, backends, response, stopped`, async () => {
			const work = mkdtempSync(join(tmpdir(), 'runtime-bundle-work-'));
			const child = spawn(SYSTEM_NODE, [bundle], { cwd: work, stdio: ['pipe', 'pipe', 'pipe'] });
			const exited = new Promise<number | null>((resolve) =>
				child.on('exit', (code) => resolve(code)),
			);
			let stderr = '';
			child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
			// As the page does: the command's data as files, then one short line that names them.
			let n = 0;
			const send = (command: RuntimeCommand) => {
				n += 1;
				const folder = join(work, INBOX, String(n));
				mkdirSync(join(folder, 'files'), { recursive: true });
				if (command.type === 'run' || command.type === 'check') {
					const { files, ...rest } = command;
					for (const [name, text] of Object.entries(files))
						writeFileSync(join(folder, 'files', name), text);
					writeFileSync(join(folder, 'command.json'), JSON.stringify(rest));
				} else writeFileSync(join(folder, 'command.json'), JSON.stringify(command));
				child.stdin.write(`do ${n}\n`);
			};
			const seen: RuntimeEvent[] = [];
			let stopping = false;
			const deadline = setTimeout(() => child.kill('SIGKILL'), 30_000);
			try {
				send({ type: 'run', lab: 'round-robin', files: labFiles('round-robin', 'solution') });
				const reader = new FrameReader();
				for await (const line of createInterface({ input: child.stdout })) {
					// Every line on stdout must be a frame or part of one: nothing else may reach the terminal.
					assert.match(line, /^§lab§ \d+ [0-9a-f]{8} \{/);
					const frame = reader.read(line);
					if (!frame) continue;
					if (frame.kind !== 'event') continue;
					assert.equal(frame.seq, seen.length + 1, 'events are numbered one by one');
					const event = frame.event;
					seen.push(event);
					if (event.type === 'started') {
						send({ type: 'request', id: 'one', method: 'GET', path: '/hello?x=1', headers: {} });
					}
					// Stop once the answer is in and a snapshot has counted the request, in either order.
					const answered = seen.some((seenEvent) => seenEvent.type === 'response');
					const counted = seen.some(
						(seenEvent) =>
							seenEvent.type === 'backends' &&
							seenEvent.backends.some((backend) => backend.requests > 0),
					);
					if (answered && counted && !stopping) {
						stopping = true;
						send({ type: 'stop' });
					}
					if (event.type === 'stopped') child.stdin.end();
				}
				assert.deepEqual(readdirSync(join(work, INBOX)), [], 'each command is removed once read');
			} finally {
				clearTimeout(deadline);
				rmSync(work, { recursive: true, force: true });
			}
			assert.equal(await exited, 0, stderr);
			const types = seen.map((event) => event.type);
			assert.deepEqual(types[0], 'ready');
			const ready = seen[0];
			assert.ok(
				ready?.type === 'ready' && ready.runtime === 'webcontainer' && ready.node.startsWith('v20'),
			);
			for (const type of ['started', 'response', 'backends', 'exited', 'stopped']) {
				assert.ok(
					types.includes(type as RuntimeEvent['type']),
					`a "${type}" event in ${types.join(', ')}`,
				);
			}
			const response = seen.find((event) => event.type === 'response');
			assert.ok(response?.type === 'response' && response.status === 200);
			assert.equal((JSON.parse(response.body) as { path: string }).path, '/hello?x=1');
			assert.equal(types.at(-1), 'stopped');
		});
	},
);
