// Which processes listen on which TCP ports, read from Linux's /proc. Where /proc is absent (macOS,
// a WebContainer) every function answers `undefined` and the harness simply trusts the port.
//
// The socket tables are read only as far as their listening sockets. The kernel lists those before
// every other socket, and a machine grading many submissions holds thousands of others (closed
// connections waiting out TIME_WAIT), so reading whole tables on every program start took about a
// fifth of a grader's own processor time. When the listening part does not hold the answer, the
// table is read to its end after all, so an answer never rests on that order alone.
import { closeSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';
import { statFields } from './proc-stat.ts';

const TABLES = ['/proc/net/tcp', '/proc/net/tcp6'];
/** The state column's value for a listening socket. */
const LISTEN = '0A';
const CHUNK_BYTES = 16 * 1024;

interface Listener {
	inode: string;
	port: number;
}

/** Listening sockets in both tables: only the leading listening part unless `whole`; `undefined`
 * when neither table can be read. */
function listeners(whole: boolean): Listener[] | undefined {
	let readable = false;
	const found: Listener[] = [];
	for (const table of TABLES) {
		let fd: number;
		try {
			fd = openSync(table, 'r');
		} catch {
			continue;
		}
		readable = true;
		try {
			readListeners(fd, whole, found);
		} catch {
			// The table changed or vanished while being read; what was read so far stands.
		} finally {
			closeSync(fd);
		}
	}
	return readable ? found : undefined;
}

function readListeners(fd: number, whole: boolean, found: Listener[]): void {
	const buffer = Buffer.alloc(CHUNK_BYTES);
	let rest = '';
	let header = true;
	for (;;) {
		const size = readSync(fd, buffer, 0, buffer.length, null);
		const lines = (rest + buffer.toString('latin1', 0, size)).split('\n');
		rest = size === 0 ? '' : (lines.pop() ?? '');
		for (const line of lines) {
			if (header || line.trim() === '') {
				header = false;
				continue;
			}
			const columns = line.trim().split(/\s+/);
			const [, local, , state] = columns;
			if (state !== LISTEN || !local) {
				if (whole) continue;
				return;
			}
			const port = Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16);
			found.push({ inode: columns[9] ?? '', port });
		}
		if (size === 0) return;
	}
}

/** The inodes of the sockets the process holds open, or `undefined` when /proc cannot tell. */
function socketInodes(pid: number): Set<string> | undefined {
	const inodes = new Set<string>();
	try {
		for (const fd of readdirSync(`/proc/${pid}/fd`)) {
			try {
				const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
				if (match?.[1]) inodes.add(match[1]);
			} catch {
				// The descriptor closed while we looked.
			}
		}
	} catch {
		return undefined;
	}
	return inodes;
}

/** TCP ports the process listens on (IPv4 and IPv6), or `undefined` when /proc cannot tell. */
export function listeningPorts(pid: number): number[] | undefined {
	const inodes = socketInodes(pid);
	if (!inodes) return undefined;
	const ports = (whole: boolean) =>
		(listeners(whole) ?? []).filter((l) => inodes.has(l.inode)).map((l) => l.port);
	const found = ports(false);
	return [...new Set(found.length > 0 ? found : ports(true))].sort((a, b) => a - b);
}

/** True when a process of the group `pgid` listens on `port`, false when another process does,
 * `undefined` when /proc cannot tell. A learner's server may run in a child process it forked,
 * which shares its group; the group's leader is asked first, since it nearly always is the one. */
export function groupListensOn(pgid: number, port: number): boolean | undefined {
	const leading = listeners(false);
	if (leading === undefined) return undefined;
	const inodesOn = (found: Listener[]) =>
		new Set(found.filter((l) => l.port === port).map((l) => l.inode));
	let wanted = inodesOn(leading);
	if (wanted.size === 0) wanted = inodesOn(listeners(true) ?? []);
	if (wanted.size === 0) return false;
	const holds = (pid: number) => [...(socketInodes(pid) ?? [])].some((inode) => wanted.has(inode));
	if (holds(pgid)) return true;
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name) && Number(name) !== pgid);
	} catch {
		return undefined;
	}
	return pids.some((pid) => groupOf(pid) === pgid && holds(Number(pid)));
}

function groupOf(pid: string): number | undefined {
	const group = statFields(pid)?.[2];
	return group === undefined ? undefined : Number(group);
}
