// Best-effort facts about a running learner process, read from Linux's /proc. Where /proc is absent
// (macOS, a WebContainer) every function answers `undefined` and messages simply say less.
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

/** Linux reports CPU time in clock ticks; 100 per second on every common distribution. */
const MS_PER_TICK = 10;

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuTimeMs(pid: number): number | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		// The command name (field 2) may contain spaces; the fields after it are fixed.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		const user = Number(fields[11]);
		const system = Number(fields[12]);
		if (!Number.isFinite(user) || !Number.isFinite(system)) return undefined;
		return (user + system) * MS_PER_TICK;
	} catch {
		return undefined;
	}
}

/** A sample to compare against later with `isSpinning`. */
export interface CpuSample {
	cpuMs: number;
	at: number;
}

export function sampleCpu(pid: number): CpuSample | undefined {
	const cpuMs = cpuTimeMs(pid);
	return cpuMs === undefined ? undefined : { cpuMs, at: Date.now() };
}

/** True when the process used the CPU for most of the time since `since`. The threshold is low
 * because on a loaded machine a busy loop gets only a share of a core, while a server that waits
 * for connections uses almost none. */
export function isSpinning(pid: number, since: CpuSample | undefined): boolean {
	const now = sampleCpu(pid);
	if (!since || !now) return false;
	const wall = now.at - since.at;
	return wall >= 200 && (now.cpuMs - since.cpuMs) / wall > 0.35;
}

/** TCP ports the process listens on (IPv4 and IPv6), or `undefined` when /proc cannot tell. */
export function listeningPorts(pid: number): number[] | undefined {
	let inodes: Set<string>;
	try {
		inodes = new Set();
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
	const ports = new Set<number>();
	for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
		let text: string;
		try {
			text = readFileSync(table, 'utf8');
		} catch {
			continue;
		}
		for (const line of text.split('\n').slice(1)) {
			const columns = line.trim().split(/\s+/);
			const [, local, , state] = columns;
			// State 0A is LISTEN; column 9 is the socket's inode.
			if (state !== '0A' || !local || !inodes.has(columns[9] ?? '')) continue;
			ports.add(Number.parseInt(local.slice(local.lastIndexOf(':') + 1), 16));
		}
	}
	return [...ports].sort((a, b) => a - b);
}
