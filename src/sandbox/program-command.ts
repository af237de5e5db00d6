// The bubblewrap command line that runs one learner program for a Run press of the local runtime.
// It is the grading sandbox (command.ts) with two differences. It keeps the machine's network
// namespace, because the page reaches the program through the runtime's server, which proxies to
// 127.0.0.1:<port>, and the program reaches the lab's fake backends, which the server runs on
// 127.0.0.1 too. And it holds no course code at all, since no harness runs beside the program: only
// the system, Node and the program's own files. Its own user, process, IPC and host-name
// namespaces, the read-only views, the capped /tmp, the empty environment and the limits are the
// grading sandbox's.
import { realpathSync } from 'node:fs';
import { ETC_FILES, SUBMISSION } from './command.ts';
import { NODE, systemBinds, type Bind } from './course-files.ts';
import { prlimitArgs, RUN_CPU_SECONDS, TMP_BYTES } from './limits.ts';
import { DROP_ROOT } from './probe.ts';

/** The sandbox's /etc is a small memory file system of its own, written at start. */
const ETC_BYTES = 64 * 1024;

export interface ProgramCommand {
	bwrap: string;
	setpriv?: string;
	/** The host folder that holds the program's files, bound read-only and copied into /tmp. */
	files: string;
	/** Where the copy goes inside, under /tmp; the program runs there. */
	inside: string;
	entry: string;
	/** The program's own variables (PORT, the lab's); PATH, HOME and the temporary folder are the
	 * sandbox's whatever this says. */
	env: Record<string, string>;
}

/** Copies the program's files into the capped /tmp, so that whatever it writes stays in the
 * sandbox's memory and goes with it, and writes /etc (localhost must resolve, and the user needs a
 * name for os.userInfo()); then becomes the program. `exec` keeps the pid, so the program is the
 * first process the sandbox's init starts. */
const START =
	'printf %s "$1" > /etc/hosts && printf %s "$2" > /etc/passwd && printf %s "$3" > /etc/group && ' +
	'mkdir -p "$4" && cp -R /submission/. "$4" && cd "$4" && shift 4 && exec "$@"';

/** The whole argv, program first. */
export function programArgv(options: ProgramCommand): string[] {
	const ro = (bind: Bind) => ['--ro-bind', bind.from, bind.to];
	const system = systemBinds();
	const env: Record<string, string> = {
		LANG: 'C.UTF-8',
		...options.env,
		PATH: '/opt/node/bin:/usr/bin:/bin',
		HOME: '/tmp',
		TMPDIR: '/tmp',
		TEMP: '/tmp',
		TMP: '/tmp',
	};
	return [
		...(options.setpriv ? [options.setpriv, ...DROP_ROOT] : []),
		options.bwrap,
		// No --unshare-net: see above. No --new-session either: the program stays in the process
		// group of the process the runtime spawned (detached, so in a session with no terminal), where
		// the harness looks for the socket it listens on and sends its signals.
		'--unshare-user',
		'--unshare-pid',
		'--unshare-ipc',
		'--unshare-uts',
		'--unshare-cgroup-try',
		'--die-with-parent',
		'--cap-drop',
		'ALL',
		'--uid',
		'1000',
		'--gid',
		'1000',
		'--hostname',
		'sandbox',
		...system.binds.flatMap(ro),
		...system.links.flatMap((link) => ['--symlink', link.from, link.to]),
		...ro({ from: realpathSync(process.execPath), to: NODE }),
		...ro({ from: options.files, to: SUBMISSION }),
		'--proc',
		'/proc',
		'--dev',
		'/dev',
		'--size',
		String(ETC_BYTES),
		'--tmpfs',
		'/etc',
		'--size',
		String(TMP_BYTES),
		'--tmpfs',
		'/tmp',
		'--clearenv',
		...Object.entries(env).flatMap(([name, value]) => ['--setenv', name, value]),
		'--chdir',
		'/tmp',
		'--',
		'/bin/sh',
		'-c',
		START,
		'sandbox',
		ETC_FILES['hosts'] ?? '',
		ETC_FILES['passwd'] ?? '',
		ETC_FILES['group'] ?? '',
		options.inside,
		'/usr/bin/prlimit',
		...prlimitArgs(0, RUN_CPU_SECONDS),
		'--',
		NODE,
		options.entry,
	];
}
