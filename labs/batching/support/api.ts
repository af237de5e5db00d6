// The grader's fake API: a plain HTTP server that answers each path with the JSON the check chose,
// after a delay the check chose, and can cut the connection for chosen paths. It is the grader's
// own server rather than a harness fake server because it must fail single requests at the network
// level while answering the others, and count how many requests it holds at once.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { CheckContext, LearnerProgram } from '../../../src/harness/index.ts';

export interface ApiAnswer {
	status: number;
	body: unknown;
	/** A Location header, for an answer that redirects. */
	location?: string;
}

export interface Api {
	url: string;
	/** Every request received, oldest first. */
	requests: { method: string; path: string }[];
	/** The answer for each path (query string included); any other path gets 404. */
	answers: Map<string, ApiAnswer>;
	/** Paths whose connection is reset instead of answered. */
	resets: Set<string>;
	/** When set, every body goes out in two pieces this many ms apart, cut inside a multi-byte
	 * character when it has one, as a slow network would deliver it. */
	splitGapMs: number | undefined;
	/** How long the API takes to answer a path, in ms. */
	delayMs: (path: string) => number;
	/** The most requests it has held at once. */
	maxInFlight: number;
	/** Stops listening, so that new connections are refused. */
	close(): Promise<void>;
}

export interface Launched {
	api: Api;
	program: LearnerProgram;
}

/** Where to cut a body in two: inside its first multi-byte character, or in the middle. */
function splitPoint(bytes: Uint8Array): number {
	const inside = bytes.findIndex((byte) => (byte & 0xc0) === 0x80);
	return inside > 0 ? inside : Math.floor(bytes.length / 2);
}

async function startApi(): Promise<Api> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	let inFlight = 0;
	const finish = (res: ServerResponse, answer: ApiAnswer) => {
		const location = answer.location === undefined ? {} : { Location: answer.location };
		res.writeHead(answer.status, { 'Content-Type': 'application/json', ...location });
		const bytes = Buffer.from(JSON.stringify(answer.body));
		if (api.splitGapMs === undefined) return void res.end(bytes);
		const cut = splitPoint(bytes);
		res.write(bytes.subarray(0, cut));
		const timer = setTimeout(() => {
			timers.delete(timer);
			res.end(bytes.subarray(cut));
		}, api.splitGapMs);
		timers.add(timer);
	};
	const handle = (req: IncomingMessage, res: ServerResponse) => {
		const path = req.url ?? '';
		api.requests.push({ method: req.method ?? '', path });
		inFlight++;
		api.maxInFlight = Math.max(api.maxInFlight, inFlight);
		const timer = setTimeout(() => {
			timers.delete(timer);
			inFlight--;
			if (api.resets.has(path)) {
				req.socket.destroy();
				return;
			}
			const answer = api.answers.get(path) ?? {
				status: 404,
				body: { error: `No such thing: ${path}` },
			};
			finish(res, answer);
		}, api.delayMs(path));
		timers.add(timer);
		req.resume();
	};
	const server = createServer(handle);
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	await new Promise<void>((resolve, reject) => {
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => resolve());
	});
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	const api: Api = {
		url: `http://127.0.0.1:${port}`,
		requests: [],
		answers: new Map(),
		resets: new Set(),
		splitGapMs: undefined,
		delayMs: () => 0,
		maxInFlight: 0,
		close: () =>
			new Promise<void>((resolve) => {
				for (const timer of timers) clearTimeout(timer);
				timers.clear();
				for (const socket of sockets) socket.destroy();
				if (!server.listening) return resolve();
				server.close(() => resolve());
			}),
	};
	return api;
}

/** Starts the fake API and the learner's server in front of it, runs `run`, and always stops the
 * API afterwards, however the check ends (the harness stops the learner's program). */
export async function withApi(
	ctx: CheckContext,
	run: (launched: Launched) => Promise<void>,
): Promise<void> {
	const api = await startApi();
	try {
		const program = await ctx.start({ env: { API_URL: api.url } });
		await run({ api, program });
	} finally {
		await api.close();
	}
}
