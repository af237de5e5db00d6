import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { CheckFailure, TimingFailure } from './check-failure.ts';
import type { Launcher } from './launch.ts';
import { describeExit, LearnerProcess } from './learner-process.ts';
import { telltaleLine, type OutputStream } from './output-lines.ts';
import { accepts, freePort } from './port.ts';
import { groupListensOn, listeningPorts } from './listeners.ts';
import type { CheckScope } from './scope.ts';
import type { LearnerProgram, StartOptions } from './types.ts';
import { makeWorkingCopy, removeWorkingCopy } from './working-copy.ts';

export const DEFAULT_LISTEN_TIMEOUT_MS = 3000;
const POLL_MS = 25;

/** The harness's own view of a started program, behind the `LearnerProgram` a check sees. */
export interface ProgramHandle {
	program: LearnerProgram;
	process: LearnerProcess;
	port: number;
	/** When the program started listening (ms epoch), if it has. */
	listeningAt: number | undefined;
}

const handles = new WeakMap<LearnerProgram, ProgramHandle>();

export function handleOf(program: LearnerProgram): ProgramHandle | undefined {
	return handles.get(program);
}

export interface StartSettings {
	scope: CheckScope;
	/** The learner's folder, never written to. */
	folder: string;
	entry: string;
	onLine: (line: string, stream: OutputStream) => void;
	/** Called with each program as soon as it runs, so its output can be reported even if the start fails. */
	onSpawn: (handle: ProgramHandle) => void;
	/** Starts the program some other way than `node <entry>` (the local runtime's sandbox). */
	launcher?: Launcher;
}

/** Variables the program may rely on besides its own; nothing else leaks from the grader's
 * environment (NODE_OPTIONS or a test runner's variables would change how Node behaves). */
const PASSED_THROUGH = [
	'PATH',
	'HOME',
	'TMPDIR',
	'TEMP',
	'TMP',
	'LANG',
	'LC_ALL',
	'TZ',
	'SYSTEMROOT',
];

export async function startProgram(
	settings: StartSettings,
	options: StartOptions = {},
): Promise<LearnerProgram> {
	const { scope, folder, entry } = settings;
	// A lab may start a grader-owned entry file that it writes into the copy itself (a driver that
	// exposes a learner's module over HTTP); only an entry the grader does not supply must exist.
	if (options.files?.[entry] === undefined && !existsSync(join(folder, entry))) {
		throw new CheckFailure(
			`Expected your program's entry file ${entry} in ${folder}, but there is no such file`,
		);
	}
	const copying = makeWorkingCopy(folder, options.files);
	// Registered even if the check is cancelled during the copy, so no temporary folder is left.
	copying.then((copy) => scope.add(() => removeWorkingCopy(copy))).catch(() => {});
	const copy = await scope.guard(copying);
	const env: Record<string, string> = {};
	for (const name of PASSED_THROUGH) {
		const value = process.env[name];
		if (value !== undefined) env[name] = value;
	}
	Object.assign(env, options.env);
	for (let attempt = 1; ; attempt++) {
		const handle = await spawnOnFreshPort(settings, copy, env);
		try {
			await scope.guard(
				waitUntilListening(handle, options.listenTimeoutMs ?? DEFAULT_LISTEN_TIMEOUT_MS),
			);
			handle.listeningAt = Date.now();
			return handle.program;
		} catch (error) {
			// Another process on the machine took the port between freePort() and the program's own
			// bind. The learner's program did nothing wrong, so it gets a fresh port, not a failure.
			if (attempt >= PORT_ATTEMPTS || !lostPortRace(handle)) throw error;
			await handle.process.stop();
		}
	}
}

const PORT_ATTEMPTS = 3;

function lostPortRace(handle: ProgramHandle): boolean {
	return (
		handle.process.exit !== undefined &&
		handle.process.output.recent().some((line) => line.includes('EADDRINUSE'))
	);
}

async function spawnOnFreshPort(
	settings: StartSettings,
	copy: string,
	baseEnv: Record<string, string>,
): Promise<ProgramHandle> {
	const { scope, folder, entry } = settings;
	const port = await scope.guard(freePort());
	scope.throwIfCancelled();
	const child = new LearnerProcess({
		entry,
		cwd: copy,
		env: { ...baseEnv, PORT: String(port) },
		onLine: settings.onLine,
		rewrite: pathsBackToLearner(copy, folder),
		onFlood: (message) => scope.cancel(new CheckFailure(message), true),
		...(settings.launcher ? { launcher: settings.launcher } : {}),
	});
	scope.add(() => child.stop());
	const program: LearnerProgram = {
		url: `http://127.0.0.1:${port}`,
		port,
		output: () => child.output.recent(),
		exited: () => child.exit !== undefined,
		stop: () => child.stop(),
	};
	const handle: ProgramHandle = { program, process: child, port, listeningAt: undefined };
	handles.set(program, handle);
	settings.onSpawn(handle);
	return handle;
}

async function waitUntilListening(handle: ProgramHandle, timeoutMs: number): Promise<void> {
	const { process: child, port } = handle;
	const started = Date.now();
	const deadline = Date.now() + timeoutMs;
	while (Date.now() < deadline) {
		if (child.exit) break;
		if (await accepts(port, Math.max(50, Math.min(500, deadline - Date.now())))) {
			// Something accepts on the port; where /proc can tell, make sure it is the learner's own
			// program and not another process that grabbed the port first.
			if (groupListensOn(child.pid, port) !== false) return;
		}
		if (child.exit) break;
		await new Promise((resolve) => setTimeout(resolve, POLL_MS));
	}
	if (child.exit) {
		await child.drained(500);
		// Exit code 0 is a program that ended on purpose (or listened and quit at once), not a crash.
		const why =
			child.exit.code === 0
				? 'a server must keep running until it is stopped'
				: 'it crashed at start';
		throw new CheckFailure(
			`Your program ${describeExit(child.exit)} before listening on port ${port} (${why})` +
				lastWords(handle),
		);
	}
	const base = `Your program did not listen on port ${port} within ${timeoutMs} ms`;
	const elsewhere = (listeningPorts(child.programPid ?? child.pid) ?? []).filter(
		(other) => other !== port,
	);
	if (elsewhere.length > 0) {
		throw new CheckFailure(
			`${base}: it listens on port ${elsewhere.join(', ')} instead of ${port} — ` +
				'read the port from process.env.PORT',
		);
	}
	if (child.spin.spinningSince(started)) {
		throw new CheckFailure(
			`${base}: it was busy running code the whole time, so it looks stuck in a loop before listening`,
		);
	}
	throw new TimingFailure(
		`${base} — start an HTTP server with server.listen(process.env.PORT)${lastWords(handle)}`,
		'wait',
	);
}

/** Stack traces name the working copy; show the learner their own folder instead, so the file
 * and line in a trace are ones they can open. */
function pathsBackToLearner(copy: string, folder: string): (line: string) => string {
	const copyUrl = pathToFileURL(copy).href;
	const folderUrl = pathToFileURL(folder).href;
	return (line) =>
		line.includes(copy) ? line.replaceAll(copyUrl, folderUrl).replaceAll(copy, folder) : line;
}

/** "; it last printed: Error: boom", the line that most likely says why, or nothing. */
export function lastWords(handle: ProgramHandle): string {
	const line = telltaleLine(handle.process.output.recent());
	return line ? `; it last printed: ${line}` : '';
}
