// The load balancer that the simulator on the lesson page drives. It is pure state and rules, kept
// apart from the page so the node tests can check that each algorithm routes the way the lesson
// says it does. Time moves one tick per request, which keeps every run repeatable.

export type Algorithm = 'round-robin' | 'least-connections' | 'ip-hash';

export const algorithms: Record<Algorithm, string> = {
	'round-robin': 'Round robin',
	'least-connections': 'Least connections',
	'ip-hash': 'IP hash',
};

/** How many health checks in a row a server must fail before the balancer stops using it. */
export const unhealthyAfter = 2;
/** How many health checks in a row a server out of rotation must pass before it is used again,
 * the healthy threshold the lesson teaches: one lucky answer from a flapping server is not enough. */
export const healthyAfter = 2;

export interface SimServer {
	name: string;
	/** Whether the server really answers. Only health checks tell the balancer. */
	up: boolean;
	/** What the balancer believes, from its health checks. */
	healthy: boolean;
	/** Health checks failed in a row. */
	failures: number;
	/** Health checks passed in a row. */
	passes: number;
	/** The tick at which each open connection ends; their count is the server's load. */
	open: number[];
	served: number;
}

export interface Balancer {
	algorithm: Algorithm;
	servers: SimServer[];
	/** Where round robin (and the tie-break of least connections) continues. */
	next: number;
	clock: number;
	sent: number;
}

export interface RequestEvent {
	number: number;
	ip: string;
	/** The server the balancer chose; absent when no server was healthy. */
	server?: string;
	status: 200 | 502 | 503;
	why: string;
}

export interface CheckEvent {
	server: string;
	passed: boolean;
	healthy: boolean;
	/** Whether this check moved the server in or out of rotation. */
	changed: boolean;
}

export function createBalancer(
	names: readonly string[],
	algorithm: Algorithm = 'round-robin',
): Balancer {
	const servers = names.map((name) => ({
		name,
		up: true,
		healthy: true,
		failures: 0,
		passes: 0,
		open: [],
		served: 0,
	}));
	return { algorithm, servers, next: 0, clock: 0, sent: 0 };
}

/** FNV-1a over the address: the same client always gets the same number. */
export function ipHash(ip: string): number {
	let hash = 0x811c9dc5;
	for (let i = 0; i < ip.length; i++) hash = Math.imul(hash ^ ip.charCodeAt(i), 0x01000193) >>> 0;
	return hash;
}

/** The first index from `start` on, wrapping around, that passes `ok`. */
function firstFrom(
	count: number,
	start: number,
	ok: (index: number) => boolean,
): number | undefined {
	for (let step = 0; step < count; step++) {
		const index = (start + step) % count;
		if (ok(index)) return index;
	}
	return undefined;
}

function choose(b: Balancer, ip: string): { index: number; why: string } | undefined {
	const healthy = (i: number) => b.servers[i]?.healthy === true;
	const n = b.servers.length;
	if (b.algorithm === 'ip-hash') {
		const home = ipHash(ip) % n;
		const index = firstFrom(n, home, healthy);
		const homeName = b.servers[home]?.name;
		if (index === undefined) return undefined;
		if (index === home) return { index, why: `IP hash: ${ip} always maps to ${homeName}` };
		const name = b.servers[index]?.name;
		return {
			index,
			why: `IP hash: ${ip} maps to ${homeName}, which is out of rotation, so ${name} takes it`,
		};
	}
	if (b.algorithm === 'least-connections') {
		const loads = b.servers.filter((s) => s.healthy).map((s) => s.open.length);
		const least = Math.min(...loads);
		const index = firstFrom(n, b.next, (i) => healthy(i) && b.servers[i]?.open.length === least);
		if (index === undefined) return undefined;
		b.next = (index + 1) % n;
		return {
			index,
			why: `least connections: ${b.servers[index]?.name} had ${least} open, the fewest`,
		};
	}
	const index = firstFrom(n, b.next, healthy);
	if (index === undefined) return undefined;
	b.next = (index + 1) % n;
	return { index, why: 'round robin: next in turn' };
}

/** Sends one request from `ip` that keeps its connection open for `duration` ticks. */
export function send(b: Balancer, ip: string, duration = 1): RequestEvent {
	b.clock += 1;
	b.sent += 1;
	for (const server of b.servers) server.open = server.open.filter((end) => end > b.clock);
	const number = b.sent;
	const choice = choose(b, ip);
	const server = choice ? b.servers[choice.index] : undefined;
	if (!choice || !server) {
		return {
			number,
			ip,
			status: 503,
			why: 'no server is in rotation, so the balancer answers 503',
		};
	}
	if (!server.up) {
		const why = `${choice.why}; but ${server.name} is down and never answers, so the client gets 502`;
		return { number, ip, server: server.name, status: 502, why };
	}
	server.served += 1;
	server.open.push(b.clock + duration);
	return { number, ip, server: server.name, status: 200, why: choice.why };
}

/** Stops or starts a server. A stopped server drops its open connections. */
export function setUp(b: Balancer, name: string, up: boolean): void {
	const server = b.servers.find((s) => s.name === name);
	if (!server) return;
	server.up = up;
	if (!up) server.open = [];
}

/** One round of health checks: a failing server leaves rotation after `unhealthyAfter` failures
 * in a row, and comes back after `healthyAfter` passes in a row. */
export function runHealthChecks(b: Balancer): CheckEvent[] {
	return b.servers.map((server) => {
		const wasHealthy = server.healthy;
		if (server.up) {
			server.failures = 0;
			server.passes += 1;
			if (server.passes >= healthyAfter) server.healthy = true;
		} else {
			server.passes = 0;
			server.failures += 1;
			if (server.failures >= unhealthyAfter) server.healthy = false;
		}
		return {
			server: server.name,
			passed: server.up,
			healthy: server.healthy,
			changed: server.healthy !== wasHealthy,
		};
	});
}
