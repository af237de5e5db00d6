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

/** The scheduler state letter of the process (`R` running or runnable, `S` sleeping, ...). */
export function processState(pid: number): string | undefined {
	try {
		const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) || undefined;
	} catch {
		return undefined;
	}
}

interface Sample {
	at: number;
	cpuMs: number;
	runnable: boolean;
}

/** How often, and for how long back, a program's state is sampled. */
const SAMPLE_MS = 50;
const KEPT_SAMPLES = 200;

/** Samples a process's scheduler state and CPU time in the background, to tell a program stuck in
 * a loop from one that waits. A looping program is runnable in nearly every sample even when a
 * loaded machine gives it little CPU; its CPU share catches it on an idle machine too. */
export class SpinSampler {
	readonly #pid: number;
	readonly #samples: Sample[] = [];
	readonly #timer: ReturnType<typeof setInterval>;

	constructor(pid: number) {
		this.#pid = pid;
		this.#timer = setInterval(() => this.#sample(), SAMPLE_MS);
		this.#timer.unref();
		this.#sample();
	}

	/** True when, since `since` (ms epoch), the process was runnable in at least 80% of at least
	 * four samples, or used the CPU for over 35% of the time. False when /proc cannot tell, and
	 * when the samples cover too little of that time: a program that started a moment ago is busy
	 * booting Node, which says nothing about a loop. */
	spinningSince(since: number): boolean {
		this.#sample();
		const window = this.#samples.filter((sample) => sample.at >= since);
		const first = window[0];
		const last = window.at(-1);
		if (!first || !last || window.length < 4) return false;
		if (last.at - first.at < Math.max(300, 0.8 * (last.at - since))) return false;
		const runnable = window.filter((sample) => sample.runnable).length / window.length;
		const wall = last.at - first.at;
		const share = wall >= 200 ? (last.cpuMs - first.cpuMs) / wall : 0;
		return runnable >= 0.8 || share > 0.35;
	}

	stop(): void {
		clearInterval(this.#timer);
	}

	#sample(): void {
		const state = processState(this.#pid);
		const cpuMs = cpuTimeMs(this.#pid);
		if (state === undefined || cpuMs === undefined || state === 'Z') return this.stop();
		this.#samples.push({ at: Date.now(), cpuMs, runnable: state === 'R' });
		if (this.#samples.length > KEPT_SAMPLES) this.#samples.shift();
	}
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

/** TCP ports that any process of the group `pgid` listens on, or `undefined` when /proc cannot
 * tell. A learner's server may run in a child process it forked, which shares its group. */
export function groupListeningPorts(pgid: number): number[] | undefined {
	let pids: string[];
	try {
		pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
	} catch {
		return undefined;
	}
	const ports = new Set<number>();
	for (const pid of pids) {
		let stat: string;
		try {
			stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
		} catch {
			continue;
		}
		// The fields after the command name, which may itself hold spaces and parentheses.
		const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
		if (Number(fields[2]) !== pgid) continue;
		for (const port of listeningPorts(Number(pid)) ?? []) ports.add(port);
	}
	return [...ports];
}
