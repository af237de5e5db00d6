// A container with WebContainer-like limits, for the tests of "the session under WebContainer-like
// limits" and for scripts/bench/session.ts. It is not a WebContainer and is never called one. What it shares with one:
// - the session is the bundle the page mounts (`scripts/build-runtime.ts`), started as
//   `node session.mjs` (Node found on PATH, as a WebContainer's shell finds it) in a folder that
//   holds nothing else until the page writes to it;
// - its stdin and stdout are one pseudo-terminal (util-linux `script`): echo, stderr mixed in,
//   carriage returns, a line discipline that cuts long lines;
// - /proc is an empty tmpfs (bubblewrap, in a PID namespace of its own);
// - SIGKILL is never delivered (a seccomp filter makes kill(2) with signal 9 succeed without doing
//   anything), so a learner program busy in a loop that handles SIGTERM, as servers do, cannot be
//   stopped from inside: the state webcontainer-core #1121 describes. SIGTERM still stops a program
//   that is not looping, as signals do inside a WebContainer;
// - teardown ends the whole namespace from outside, as `teardown()` ends a WebContainer.
// The page's own code (SessionLink, connectWire) talks to it through the `Container` interface.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { copyFile, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import type {
	BootContainer,
	Container,
	TerminalProcess,
} from '../../src/client/lab/adapters/container.ts';

const root = join(import.meta.dirname, '..', '..');

/** The Node a WebContainer runs is older than the project's; the system's Node 20 is closer. */
export const SESSION_NODE = existsSync('/usr/bin/node') ? '/usr/bin/node' : process.execPath;

/** Why these tests cannot run here, or `undefined` when they can. */
export function limitsUnavailable(): string | undefined {
	for (const tool of ['bwrap', 'script']) {
		if (spawnSync('sh', ['-c', `command -v ${tool}`]).status !== 0)
			return `${tool} is not installed`;
	}
	const probe = spawnSync('bwrap', [
		'--dev-bind',
		'/',
		'/',
		'--tmpfs',
		'/proc',
		'--unshare-pid',
		'true',
	]);
	return probe.status === 0
		? undefined
		: `bwrap cannot make a PID namespace here: ${String(probe.stderr)}`;
}

/** A classic BPF program for seccomp (x86-64): kill(2) with signal 9 returns 0 and does nothing,
 * every other system call is allowed. Other architectures get no filter, and the test says so. */
function noKillFilter(): Buffer | undefined {
	if (process.arch !== 'x64') return undefined;
	const ld = 0x20,
		jeq = 0x15,
		ret = 0x06;
	const program: [number, number, number, number][] = [
		[ld, 0, 0, 4], // the architecture
		[jeq, 0, 5, 0xc000003e], // AUDIT_ARCH_X86_64, else allow
		[ld, 0, 0, 0], // the system call number
		[jeq, 0, 3, 62], // __NR_kill, else allow
		[ld, 0, 0, 24], // the low half of its second argument, the signal
		[jeq, 0, 1, 9], // SIGKILL, else allow
		[ret, 0, 0, 0x00050000], // SECCOMP_RET_ERRNO with errno 0: "done"
		[ret, 0, 0, 0x7fff0000], // SECCOMP_RET_ALLOW
	];
	const buffer = Buffer.alloc(program.length * 8);
	program.forEach(([code, jt, jf, k], i) => {
		buffer.writeUInt16LE(code, i * 8);
		buffer.writeUInt8(jt, i * 8 + 2);
		buffer.writeUInt8(jf, i * 8 + 3);
		buffer.writeUInt32LE(k >>> 0, i * 8 + 4);
	});
	return buffer;
}

export interface LimitsHost {
	boot: BootContainer;
	/** How many containers were booted, the first included. */
	readonly boots: number;
	/** Everything the terminals showed, for a failure message. */
	readonly transcript: string[];
	/** Whether SIGKILL is filtered on this machine. */
	readonly killFiltered: boolean;
	/** Replaces the terminal's output on its way to the page, to break lines on purpose. */
	mangle?: (chunk: string) => string;
	/** Ends the newest session from outside, as a crash would, without the page asking. */
	crash(): Promise<void>;
	/** Stops the newest session's processes without ending them (SIGSTOP): a session gone silent. */
	freeze(): void;
	close(): Promise<void>;
}

export interface LimitsOptions {
	/** How the session's command line names Node: `node` (found on PATH, the default), or a path
	 * relative to the session's folder, where a link to SESSION_NODE is made. Without /proc, Node
	 * knows its own path only by this name. */
	node?: string;
	/** Arguments after `session.mjs`. */
	args?: string[];
}

/** Returns a host that boots containers with the session bundle at `bundle`. */
export function createLimitsHost(bundle: string, options: LimitsOptions = {}): LimitsHost {
	const node = options.node ?? 'node';
	const work = mkdtempSync(join(tmpdir(), 'session-limits-'));
	const filter = noKillFilter();
	const filterFile = join(work, 'no-kill.bpf');
	if (filter) writeFileSync(filterFile, filter);
	const children: ChildProcess[] = [];
	const host: LimitsHost = {
		boots: 0,
		transcript: [],
		killFiltered: filter !== undefined,
		boot: async () => {
			(host as { boots: number }).boots += 1;
			const folder = join(work, `container-${host.boots}`);
			await mkdir(folder);
			await copyFile(bundle, join(folder, 'session.mjs'));
			if (node.includes('/')) {
				await mkdir(dirname(join(folder, node)), { recursive: true });
				await symlink(SESSION_NODE, join(folder, node));
			}
			return container(folder);
		},
		async crash() {
			const newest = children.at(-1);
			if (newest) await stopChild(newest);
		},
		freeze() {
			const newest = children.at(-1);
			if (newest?.pid !== undefined) process.kill(-newest.pid, 'SIGSTOP');
		},
		async close() {
			await Promise.all(children.map((child) => stopChild(child)));
			rmSync(work, { recursive: true, force: true });
		},
	};

	const container = (folder: string): Container => {
		let child: ChildProcess | undefined;
		return {
			name: 'session under WebContainer-like limits, a test host, not a WebContainer',
			async writeFiles(files) {
				for (const [path, text] of Object.entries(files)) {
					await mkdir(dirname(join(folder, path)), { recursive: true });
					await writeFile(join(folder, path), text);
				}
			},
			startSession(): Promise<TerminalProcess> {
				const seccomp = filter ? ['--seccomp', '3'] : [];
				const fd = filter ? openSync(filterFile, 'r') : undefined;
				const command = [node, 'session.mjs', ...(options.args ?? [])].join(' ');
				child = spawn(
					'bwrap',
					[
						'--dev-bind',
						'/',
						'/',
						'--tmpfs',
						'/proc',
						'--unshare-pid',
						// A network of its own, as a WebContainer has: a port the session picks cannot
						// have been taken meanwhile by another process on this machine, which a session
						// without /proc could not tell from its own program listening (it connects to
						// find out).
						'--unshare-net',
						'--die-with-parent',
						...seccomp,
						'--chdir',
						folder,
						'--',
						'script',
						'-qfc',
						command,
						'/dev/null',
					],
					// A group of its own, so that a test can freeze the whole session at once.
					{
						detached: true,
						stdio: ['pipe', 'pipe', 'pipe', ...(fd === undefined ? [] : [fd])],
						env: {
							...process.env,
							PATH: `${dirname(SESSION_NODE)}${delimiter}${process.env['PATH'] ?? ''}`,
						},
					},
				);
				if (fd !== undefined) closeSync(fd);
				children.push(child);
				const started = child;
				started.stderr?.on('data', (chunk: Buffer) =>
					host.transcript.push(`[stderr] ${chunk.toString()}`),
				);
				const exit = new Promise<number>((resolve) =>
					started.on('exit', (code) => resolve(code ?? -1)),
				);
				const output = (Readable.toWeb(started.stdout as Readable) as ReadableStream<Uint8Array>)
					.pipeThrough(new TextDecoderStream() as unknown as TransformStream<Uint8Array, string>)
					.pipeThrough(
						new TransformStream<string, string>({
							transform(chunk, controller) {
								host.transcript.push(chunk);
								controller.enqueue(host.mangle ? host.mangle(chunk) : chunk);
							},
						}),
					);
				const input = Writable.toWeb(started.stdin as Writable) as WritableStream<string>;
				return Promise.resolve({ output, input, exit });
			},
			teardown() {
				if (child) void stopChild(child);
			},
		};
	};
	return host;
}

/** Ends the namespace: bwrap's own child dies with it, and with that every process inside. */
async function stopChild(child: ChildProcess): Promise<void> {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const gone = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGKILL');
	await gone;
}

/** Builds the bundle the page mounts into `folder/session.mjs`, with the project's own script. */
export function buildSessionBundle(folder: string): string {
	const out = join(folder, 'session.mjs');
	const built = spawnSync(
		process.execPath,
		[join(root, 'scripts', 'build-runtime.ts'), '--out', out],
		{
			encoding: 'utf8',
			timeout: 60_000,
		},
	);
	if (built.status !== 0) throw new Error(`build-runtime failed: ${built.stderr}`);
	return out;
}
