// How a learner's program is started. By default it is `node <entry>` itself, in its own process
// group. The local runtime may start it inside a sandbox instead (src/sandbox/program.ts), where
// the process the harness spawns is the sandbox and the program is a process inside it; a launch
// then tells the harness which process to watch, how to ask the program to stop, and how to read
// the sandbox's exit, so that checks, messages and events stay the same either way.
import { signalGroup } from './process-registry.ts';

export interface ExitState {
	code: number | null;
	signal: NodeJS.Signals | null;
}

/** One start of one program: the command to spawn, and how to see the program behind it. */
export interface Launch {
	file: string;
	args: string[];
	cwd: string;
	env: Record<string, string>;
	/** The program's own process, as this machine's /proc names it, once it runs; the harness
	 * reads its CPU time and its sockets. `commandPid` is the spawned process, the group's leader. */
	programPid(commandPid: number): number | undefined;
	/** Asks the program to stop (SIGTERM) without ending what it runs in, so that a program that
	 * handles the signal exits as it would on its own. */
	terminate(commandPid: number): void;
	/** Kills the program and everything it started, at once. */
	kill(commandPid: number): void;
	/** The program's exit, read from the spawned process's. */
	exitState(code: number | null, signal: NodeJS.Signals | null): ExitState;
	/** Turns paths the program sees back into the working copy's, for its output lines. */
	rewrite(line: string): string;
}

export interface Launcher {
	launch(entry: string, cwd: string, env: Record<string, string>): Launch;
}

/** `node <entry>`, run directly: the program is the process spawned. */
export const nodeLauncher: Launcher = {
	launch: (entry, cwd, env) => ({
		// Node itself, not a shell, so the pid is the program's and there is no shell to escape from.
		file: process.execPath,
		args: [entry],
		cwd,
		env,
		programPid: (pid) => pid,
		terminate: (pid) => signalGroup(pid, 'SIGTERM'),
		// The whole group: even after the program exited, a child it started may remain in it.
		kill: (pid) => signalGroup(pid, 'SIGKILL'),
		exitState: (code, signal) => ({ code, signal }),
		rewrite: (line) => line,
	}),
};
