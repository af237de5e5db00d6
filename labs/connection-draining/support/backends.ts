// The grader's backends for this lab: plain HTTP servers that answer each request as the check
// planned (at once, when the check lets it go, halfway now and the rest later, or by breaking the
// connection) and notice when the balancer closes a request before it was answered. They are
// servers of the lab's own, not harness fake servers, because a held request must be answered,
// broken off or watched one at a time, and a connection closed from the other side must be seen.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CheckContext, LearnerProgram } from '../../../src/harness/index.ts';
import { backendsEnv } from '../../shared/balancer/env.ts';

/** How a backend answers one request. */
export type Plan =
	/** Answer at once. */
	| 'answer'
	/** Send nothing until the check lets it go, then the whole answer. */
	| 'held'
	/** Send the status, the headers and the first half of the body at once, the rest when let go. */
	| 'halfway'
	/** Send nothing; when the check lets it go, break the connection without a byte of answer. */
	| 'break'
	/** Send the status, the headers and the first half of the body; when let go, break off. */
	| 'cut';

/** One request as a backend received it. */
export interface Arrival {
	backend: Backend;
	method: string;
	/** The request target, query string included. */
	path: string;
	/** The answer the backend sends (or began to send) for it. */
	body: string;
	/** True once the backend sent its whole answer. */
	answered: boolean;
	/** True when the balancer closed the connection before the answer was complete. */
	abandoned: boolean;
	/** True once a held request was let go. */
	released: boolean;
}

export interface Backend {
	/** 1-based position in BACKENDS, as learners count in messages. */
	number: number;
	/** The base URL the balancer was given for it. */
	url: string;
	arrivals: Arrival[];
}

export interface Farm {
	program: LearnerProgram;
	backends: Backend[];
	/** How to answer each path; any other path is answered at once. */
	plans: Map<string, Plan>;
	/** Lets the held request for `path` go (answer it, finish it or break it off). */
	release: (path: string) => void;
	/** The backends that received a request for `path`. */
	receivers: (path: string) => Backend[];
	/** The backend's requests held now: neither answered nor closed. */
	holding: (backend: Backend) => Arrival[];
}

/** A held request answers by itself after this long, so nothing waits for ever on a check's bug. */
const HOLD_LIMIT_MS = 15_000;

/** `backend 2 (http://127.0.0.1:41234)` */
export function describeBackend(backend: Backend): string {
	return `backend ${backend.number} (${backend.url})`;
}

/** `backends 1 and 3` */
export function numbers(backends: Backend[]): string {
	const list = backends.map((backend) => backend.number);
	if (list.length === 0) return 'no backend';
	if (list.length === 1) return `backend ${list[0]}`;
	return `backends ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

interface Started {
	backends: Backend[];
	release: (path: string) => void;
	close: () => Promise<void>;
}

async function startBackends(count: number, plans: Map<string, Plan>): Promise<Started> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	const waiting = new Map<string, () => void>();
	const servers: Server[] = [];
	const backends: Backend[] = [];

	for (let number = 1; number <= count; number++) {
		const backend: Backend = { number, url: '', arrivals: [] };
		const handle = (req: IncomingMessage, res: ServerResponse) => {
			const path = req.url ?? '/';
			const body = JSON.stringify({ backend: number, path });
			const arrival: Arrival = {
				backend,
				method: req.method ?? '',
				path,
				body,
				answered: false,
				abandoned: false,
				released: false,
			};
			backend.arrivals.push(arrival);
			const plan = plans.get(path) ?? 'answer';
			let brokenByUs = false;
			res.on('close', () => {
				if (!arrival.answered && !brokenByUs) arrival.abandoned = true;
			});
			const half = Math.floor(body.length / 2);
			const head = () =>
				res.writeHead(200, {
					'Content-Type': 'application/json',
					'Content-Length': String(Buffer.byteLength(body)),
				});
			const finish = (rest: string) => {
				if (res.destroyed) return;
				res.end(rest, () => (arrival.answered = true));
			};
			req.resume();
			req.on('end', () => {
				if (res.destroyed) return;
				if (plan === 'answer') {
					head();
					return finish(body);
				}
				if (plan === 'halfway' || plan === 'cut') {
					head();
					res.write(body.slice(0, half));
				}
				let gone = false;
				const go = () => {
					if (gone) return;
					gone = true;
					arrival.released = true;
					waiting.delete(path);
					if (plan === 'break' || plan === 'cut') {
						brokenByUs = true;
						if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
						else req.socket.destroy();
					} else if (plan === 'halfway') finish(body.slice(half));
					else {
						head();
						finish(body);
					}
				};
				waiting.set(path, go);
				const timer = setTimeout(() => {
					timers.delete(timer);
					go();
				}, HOLD_LIMIT_MS);
				timers.add(timer);
			});
		};
		const server = createServer(handle);
		server.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		server.on('clientError', (_error, socket) => socket.destroy());
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		backend.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		servers.push(server);
		backends.push(backend);
	}

	return {
		backends,
		release: (path) => waiting.get(path)?.(),
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			waiting.clear();
			for (const socket of sockets) socket.destroy();
			await Promise.all(
				servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))),
			);
		},
	};
}

/** Starts 3 to 5 backends and the learner's balancer in front of them, runs `run`, and always
 * stops the backends afterwards (the harness stops the learner's program). */
export async function withFarm(
	ctx: CheckContext,
	run: (farm: Farm) => Promise<void>,
): Promise<void> {
	const plans = new Map<string, Plan>();
	const started = await startBackends(ctx.random.int(3, 5), plans);
	try {
		const { backends } = started;
		const program = await ctx.start({
			env: backendsEnv(backends.map((backend) => backend.url)),
		});
		await run({
			program,
			backends,
			plans,
			release: started.release,
			receivers: (path) =>
				backends.filter((backend) => backend.arrivals.some((arrival) => arrival.path === path)),
			holding: (backend) =>
				backend.arrivals.filter(
					(arrival) =>
						(plans.get(arrival.path) ?? 'answer') !== 'answer' &&
						!arrival.released &&
						!arrival.abandoned,
				),
		});
	} finally {
		await started.close();
	}
}
