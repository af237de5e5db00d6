// The grader's upstream: a plain HTTP server that answers each request as the check planned (at
// once, after a delay, when the check lets held requests go, never, or by breaking the connection),
// counts how many requests it holds at once, and notices when the learner's server closes a request
// before it was answered. It is its own server rather than a harness fake server because it must
// treat single requests differently and see connections close from the other side.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CheckContext, LearnerProgram } from '../../../src/harness/index.ts';

/** How the upstream answers one request. */
export type Plan =
	| {
			kind: 'answer';
			status: number;
			contentType: string;
			body: Uint8Array;
			/** Answer this long after the request arrived. */
			delayMs?: number;
			/** Answer only when the check calls `release()`. */
			held?: boolean;
	  }
	/** Break the connection once the request has arrived, without a byte of answer. */
	| { kind: 'reset' }
	/** Never answer; the connection stays open until the learner's server closes it. */
	| { kind: 'stall' };

/** One request as the upstream received it. */
export interface Arrival {
	method: string;
	/** The request target, query string included. */
	path: string;
	body: Uint8Array;
	/** True once the upstream sent its whole answer. */
	answered: boolean;
	/** True when the learner's server closed the connection before the answer was sent. */
	abandoned: boolean;
}

export interface Upstream {
	url: string;
	/** Every request received, oldest first. */
	arrivals: Arrival[];
	/** Requests received and neither answered nor closed. */
	readonly inFlight: number;
	/** The most requests it has held at once since the last `resetMax()`. */
	readonly maxInFlight: number;
	resetMax(): void;
	/** How to answer each path (query string included); any other path is answered at once, 200
	 * with JSON naming it. */
	plans: Map<string, Plan>;
	/** Lets every request held until now answer. */
	release(): void;
	/** Stops listening and closes every connection, so that new connections are refused. */
	refuse(): Promise<void>;
	/** Listens again, on the same port. */
	listen(): Promise<void>;
	/** Stops everything, for good. */
	close(): Promise<void>;
}

/** A held request answers by itself after this long, so nothing waits for ever on a check's bug. */
const HOLD_LIMIT_MS = 15_000;

export function answer(status: number, contentType: string, body: string | Uint8Array): Plan {
	const bytes = typeof body === 'string' ? new TextEncoder().encode(body) : body;
	return { kind: 'answer', status, contentType, body: bytes };
}

async function startUpstream(): Promise<Upstream> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let waiting: (() => void)[] = [];
	let inFlight = 0;
	let maxInFlight = 0;

	const later = (ms: number, run: () => void) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			run();
		}, ms);
		timers.add(timer);
	};

	const handle = (req: IncomingMessage, res: ServerResponse) => {
		const arrival: Arrival = {
			method: req.method ?? '',
			path: req.url ?? '',
			body: new Uint8Array(),
			answered: false,
			abandoned: false,
		};
		upstream.arrivals.push(arrival);
		const plan =
			upstream.plans.get(arrival.path) ??
			answer(200, 'application/json', JSON.stringify({ path: arrival.path }));
		inFlight++;
		maxInFlight = Math.max(maxInFlight, inFlight);
		let over = false;
		let brokenByUs = false;
		const end = () => {
			if (over) return;
			over = true;
			inFlight--;
		};
		res.on('close', () => {
			if (!res.writableFinished && !brokenByUs) arrival.abandoned = true;
			end();
		});
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			arrival.body = new Uint8Array(Buffer.concat(chunks));
			if (plan.kind === 'stall' || res.destroyed) return;
			if (plan.kind === 'reset') {
				brokenByUs = true;
				// A reset where the runtime has one; a plain destroy closes the connection all the same.
				if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
				else req.socket.destroy();
				return;
			}
			const send = () => {
				if (res.destroyed) return;
				res.writeHead(plan.status, {
					'Content-Type': plan.contentType,
					'Content-Length': String(plan.body.length),
				});
				res.end(plan.body, () => {
					arrival.answered = true;
					end();
				});
			};
			if (plan.held) {
				let sent = false;
				const once = () => {
					if (sent) return;
					sent = true;
					send();
				};
				waiting.push(once);
				later(HOLD_LIMIT_MS, once);
			} else if (plan.delayMs) later(plan.delayMs, send);
			else send();
		});
	};

	const server = createServer(handle);
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_error, socket) => socket.destroy());
	let port = 0;
	const listen = (on: number) =>
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(on, '127.0.0.1', () => {
				server.off('error', reject);
				const address = server.address();
				port = typeof address === 'object' && address ? address.port : 0;
				resolve();
			});
		});
	const stopListening = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			if (!server.listening) return resolve();
			server.close(() => resolve());
		});
	await listen(0);

	const upstream: Upstream = {
		url: `http://127.0.0.1:${port}`,
		arrivals: [],
		get inFlight() {
			return inFlight;
		},
		get maxInFlight() {
			return maxInFlight;
		},
		resetMax() {
			maxInFlight = inFlight;
		},
		plans: new Map(),
		release() {
			const now = waiting;
			waiting = [];
			for (const send of now) send();
		},
		refuse: stopListening,
		listen: () => listen(port),
		async close() {
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			waiting = [];
			await stopListening();
		},
	};
	return upstream;
}

export interface Launched {
	upstream: Upstream;
	program: LearnerProgram;
	/** The program's MAX_IN_FLIGHT. */
	limit: number;
}

export interface LaunchOptions {
	/** UPSTREAM_TIMEOUT_MS before stretching; long enough by default that no hold reaches it. */
	timeoutMs?: number;
}

/** Starts the upstream and the learner's server in front of it with a random MAX_IN_FLIGHT, runs
 * `run`, and always stops the upstream afterwards (the harness stops the learner's program). */
export async function withUpstream(
	ctx: CheckContext,
	run: (launched: Launched) => Promise<void>,
	options: LaunchOptions = {},
): Promise<void> {
	const upstream = await startUpstream();
	try {
		const limit = ctx.random.int(3, 6);
		const program = await ctx.start({
			env: {
				UPSTREAM_URL: upstream.url,
				MAX_IN_FLIGHT: String(limit),
				UPSTREAM_TIMEOUT_MS: String(ctx.time.stretch(options.timeoutMs ?? 20_000)),
			},
		});
		await run({ upstream, program, limit });
	} finally {
		upstream.release();
		await upstream.close();
	}
}
