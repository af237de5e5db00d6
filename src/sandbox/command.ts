// The bubblewrap command line that grades one submission: new user, process, network (loopback
// only), IPC and host-name namespaces; read-only system, Node and course code; the submission
// read-only at /submission; a private, size-capped /tmp as the only writable place; an environment
// with nothing of the grader's in it; and limits that every process inside inherits.
import { COURSE, NODE, courseBinds, systemBinds, type Bind } from './course-files.ts';
import { scaleArgument } from '../harness/time-scale.ts';
import type { TimeScale } from '../harness/types.ts';
import { prlimitArgs, TMP_BYTES } from './limits.ts';
import { DROP_ROOT } from './probe.ts';

export const SUBMISSION = '/submission';
/** Where a compile cache appears inside (compile-cache.ts). */
const COMPILE_CACHE = '/compile-cache';

export interface SandboxCommand {
	bwrap: string;
	/** Set when the grader runs as root, which the kernel exempts from the process limit. */
	setpriv?: string;
	lab: string;
	/** The checked copy of the submission, bound read-only. */
	submission: string;
	/** Small files written for the sandbox's /etc (hosts, passwd), by name. */
	etc: Record<string, string>;
	only?: readonly string[];
	deadlineMs: number;
	labsDir?: string;
	/** The machine's time scale as measured outside; the harness inside then starts its first check
	 * without measuring the machine (a timing miss still measures it again, inside). */
	timeScale?: TimeScale;
	/** A folder of V8 code for the harness's modules, so that Node inside need not compile them
	 * again: read-only for a grading run, writable only for the warm-up that fills it, which runs no
	 * learner program (compile-cache.ts). */
	compileCache?: { dir: string; writable: boolean };
}

/** The whole argv, program first. */
export function sandboxArgv(options: SandboxCommand): string[] {
	const ro = (bind: Bind) => ['--ro-bind', bind.from, bind.to];
	const system = systemBinds();
	const argv = [
		...(options.setpriv ? [options.setpriv, ...DROP_ROOT] : []),
		options.bwrap,
		'--unshare-user',
		'--unshare-pid',
		'--unshare-net',
		'--unshare-ipc',
		'--unshare-uts',
		'--unshare-cgroup-try',
		// The sandbox ends with its parent, so a grader that is killed takes every learner process
		// with it; a new session keeps programs from reaching the grader's terminal.
		'--die-with-parent',
		'--new-session',
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
		...courseBinds(options.lab, undefined, options.labsDir).flatMap(ro),
		...ro({ from: options.submission, to: SUBMISSION }),
		...Object.entries(options.etc).flatMap(([name, from]) => ro({ from, to: `/etc/${name}` })),
		...(options.compileCache
			? [
					options.compileCache.writable ? '--bind' : '--ro-bind',
					options.compileCache.dir,
					COMPILE_CACHE,
				]
			: []),
		'--proc',
		'/proc',
		'--dev',
		'/dev',
		'--size',
		String(TMP_BYTES),
		'--tmpfs',
		'/tmp',
		'--clearenv',
		'--setenv',
		'PATH',
		'/usr/bin:/bin',
		'--setenv',
		'HOME',
		'/tmp',
		'--setenv',
		'TMPDIR',
		'/tmp',
		'--setenv',
		'LANG',
		'C.UTF-8',
		// The harness gives learner programs an environment of its own, so they never see this.
		...(options.compileCache ? ['--setenv', 'NODE_COMPILE_CACHE', COMPILE_CACHE] : []),
		'--chdir',
		'/tmp',
		'--',
		'/usr/bin/prlimit',
		...prlimitArgs(options.deadlineMs),
		'--',
		NODE,
		`${COURSE}/src/grader/cli.ts`,
		options.lab,
		SUBMISSION,
		'--events',
		// The seed comes in on standard input (run.ts writes it), not on this line: the learner's
		// program runs beside the harness and could read its command line.
		'--seed',
		'-',
		...(options.only ? ['--only', options.only.join(',')] : []),
		...(options.timeScale ? ['--time-scale', scaleArgument(options.timeScale)] : []),
	];
	return argv;
}

/** /etc inside: localhost resolves (glibc reads /etc/hosts), and the user has a name. */
export const ETC_FILES: Record<string, string> = {
	hosts: '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n',
	passwd: 'learner:x:1000:1000:learner:/tmp:/usr/sbin/nologin\n',
	group: 'learner:x:1000:\n',
};
