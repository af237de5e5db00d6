// Starts a Run press's program inside a sandbox of its own (program-command.ts), for the local
// runtime. The process spawned is the sandbox (bubblewrap, through setpriv as root); inside it,
// bubblewrap's init starts the program. Killing the spawned process's group kills the sandbox, and
// with its init gone the kernel kills everything else inside, detached children included. The
// harness still watches the program itself: its CPU time (a loop), its sockets (which port it
// listens on) and its exit, so that what the page is told does not depend on the sandbox.
import { readFileSync, readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { constants } from 'node:os';
import { pathToFileURL } from 'node:url';
import type { ExitState, Launcher } from '../harness/launch.ts';
import { statFields } from '../harness/proc-stat.ts';
import { signalGroup } from '../harness/process-registry.ts';
import type { Support } from './probe.ts';
import { programArgv } from './program-command.ts';
import { openToNobody, passableByOthers } from './staging.ts';

/** A launcher that runs each program in its own sandbox. */
export function sandboxLauncher(support: Extract<Support, { ok: true }>): Launcher {
	return {
		launch(entry, cwd, env) {
			if (support.setpriv) {
				// As root the sandbox is entered as `nobody`, who must be able to read the copy.
				if (!passableByOthers(join(cwd, '..'))) {
					throw new Error(
						`The sandbox runs as the user nobody, who cannot reach ${cwd}: set TMPDIR to a folder that others may pass through, such as /tmp`,
					);
				}
				openToNobody(cwd);
			}
			// The copy inside has the same path as on this machine when the temporary folder is /tmp,
			// so the program's own paths (in a stack trace) read the same in or out of the sandbox.
			const inside = join('/tmp', basename(cwd));
			let program: number | undefined;
			return {
				file: support.setpriv ?? support.bwrap,
				args: programArgv({
					bwrap: support.bwrap,
					...(support.setpriv ? { setpriv: support.setpriv } : {}),
					files: cwd,
					inside,
					entry,
					env,
				}).slice(1),
				cwd: '/',
				env: {},
				// The program's pid stays the same from the shell that copies its files on, since each
				// step execs the next: the first child of the sandbox's init, found once and kept.
				programPid: (pid) => (program ??= firstChild(firstChild(pid))),
				terminate: (pid) => {
					for (const each of insideGroup(pid, firstChild(pid))) signal(each, 'SIGTERM');
				},
				// The sandbox's init first: the kernel then kills everything inside, and bubblewrap,
				// left with no child, exits on its own after reaping it. Killing bubblewrap first would
				// orphan its init, which the machine's init reaps only when it gets to it.
				kill: (pid) => {
					const init = firstChild(pid);
					if (init === undefined) signalGroup(pid, 'SIGKILL');
					else signal(init, 'SIGKILL');
				},
				exitState,
				rewrite: inside === cwd ? (line) => line : pathsBack(inside, cwd),
			};
		},
	};
}

/** bubblewrap exits with its program's status, and with 128 + N for a program killed by signal N,
 * which is read back as that signal. A program that exits with such a code on purpose is reported
 * as killed by the signal; lab programs exit with 0 or 1. */
function exitState(code: number | null, signal: NodeJS.Signals | null): ExitState {
	if (signal || code === null || code <= 128) return { code, signal };
	const name = Object.entries(constants.signals).find(([, number]) => number === code - 128)?.[0];
	return name ? { code: null, signal: name as NodeJS.Signals } : { code, signal };
}

/** The first child of `pid` (by the kernel's list, or failing that by a look through /proc). */
function firstChild(pid: number | undefined): number | undefined {
	if (pid === undefined) return undefined;
	try {
		const listed = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(' ')[0];
		if (listed) return Number(listed);
	} catch {
		// A kernel without the children list: look at every process's parent instead.
	}
	return processes().find((each) => statFields(each)?.[1] === String(pid));
}

/** The processes of the group led by `leader`, but for the sandbox's own two: what the program is
 * running, which the harness asks to stop as it asks a group outside a sandbox. */
function insideGroup(leader: number, init: number | undefined): number[] {
	return processes().filter(
		(pid) => pid !== leader && pid !== init && statFields(pid)?.[2] === String(leader),
	);
}

function processes(): number[] {
	try {
		return readdirSync('/proc')
			.filter((name) => /^\d+$/.test(name))
			.map(Number);
	} catch {
		return [];
	}
}

function signal(pid: number, name: NodeJS.Signals): void {
	try {
		process.kill(pid, name);
	} catch {
		// Already gone.
	}
}

function pathsBack(inside: string, cwd: string): (line: string) => string {
	const insideUrl = pathToFileURL(inside).href;
	const cwdUrl = pathToFileURL(cwd).href;
	return (line) =>
		line.includes(inside) ? line.replaceAll(insideUrl, cwdUrl).replaceAll(inside, cwd) : line;
}
