// Whether this machine can start the sandbox: Linux, bubblewrap on the PATH, and user namespaces
// that an ordinary process may create. Asked once per process, by really starting an empty sandbox,
// because a kernel or container can forbid namespaces while every file is in place.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

export type Support = { ok: true; bwrap: string; setpriv?: string } | { ok: false; why: string };

/** What to install, for the messages that refuse to grade without the sandbox. */
export const INSTALL =
	'install bubblewrap (Debian and Ubuntu: sudo apt-get install -y bubblewrap; Fedora: sudo dnf install bubblewrap)';

let cached: Support | undefined;

export function sandboxSupport(): Support {
	cached ??= probe();
	return cached;
}

function probe(): Support {
	if (process.platform !== 'linux') {
		return {
			ok: false,
			why: `the sandbox needs Linux (bubblewrap and user namespaces); this is ${process.platform}`,
		};
	}
	const bwrap = onPath('bwrap');
	if (!bwrap) return { ok: false, why: `bwrap was not found on the PATH: ${INSTALL}` };
	// Root is exempt from the kernel's process limit, so a grader run as root enters the sandbox as
	// the unprivileged user `nobody` (util-linux's setpriv), where the limit holds.
	const setpriv = process.getuid?.() === 0 ? onPath('setpriv') : undefined;
	if (process.getuid?.() === 0 && !setpriv) {
		return { ok: false, why: 'running as root needs setpriv (util-linux) to leave root first' };
	}
	const command = [
		...(setpriv ? [setpriv, ...DROP_ROOT] : []),
		bwrap,
		'--unshare-all',
		'--die-with-parent',
		'--ro-bind',
		'/',
		'/',
		'true',
	];
	const tried = spawnSync(command[0] as string, command.slice(1), {
		timeout: 5000,
		encoding: 'utf8',
		stdio: ['ignore', 'ignore', 'pipe'],
	});
	if (tried.status !== 0) {
		const said = (tried.stderr || tried.error?.message || `status ${tried.status}`).trim();
		return {
			ok: false,
			why: `bwrap could not create a sandbox here (${said}); the kernel must allow unprivileged user namespaces (sysctl kernel.unprivileged_userns_clone=1 on older Debian kernels; Ubuntu 24.04 and later restrict them with AppArmor: sysctl kernel.apparmor_restrict_unprivileged_userns=0)`,
		};
	}
	return setpriv ? { ok: true, bwrap, setpriv } : { ok: true, bwrap };
}

/** setpriv's arguments to become `nobody` with no groups and no capabilities to inherit. */
export const DROP_ROOT = ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all'];

function onPath(name: string): string | undefined {
	for (const dir of (process.env['PATH'] ?? '/usr/bin:/bin').split(delimiter)) {
		const file = join(dir, name);
		try {
			accessSync(file, constants.X_OK);
			return file;
		} catch {
			// Not in this folder.
		}
	}
	for (const file of [`/usr/bin/${name}`, `/bin/${name}`]) {
		try {
			accessSync(file, constants.X_OK);
			return file;
		} catch {
			// Not there either.
		}
	}
	return undefined;
}
