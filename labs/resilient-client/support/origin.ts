// A scripted origin: each path answers its attempts one step at a time (an answer, a stall or a
// reset), and records when every attempt arrived, so the grader can measure the waits between
// them. The harness's fake server answers one way for all requests at a time; here the first
// attempt may be reset and the second answered, so the origin is its own small server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Step = Answer | 'stall' | 'reset';

export interface Answer {
	status: number;
	headers?: Record<string, string>;
	body?: string;
	/** Sends the body in this many pieces, `gapMs` apart, the first with the headers; each cut
	 * falls inside a multi-byte UTF-8 character when the body has enough of them. */
	drip?: { pieces: number; gapMs: number };
}

export interface Origin {
	/** `http://127.0.0.1:<port>` */
	url: string;
	/** From now on, attempt k at `path` (query string included) gets `steps[k]`, the last step
	 * repeating; attempts already made do not count. */
	script(path: string, steps: Step[]): void;
	/** When each attempt at `path` arrived (ms epoch), oldest first, since the origin started. */
	arrivals(path: string): number[];
	/** Closes the listener so connections are refused, or takes the same port again. */
	refuse(): Promise<void>;
	reopen(): Promise<void>;
	close(): Promise<void>;
}

export async function startOrigin(): Promise<Origin> {
	const scripts = new Map<string, { steps: Step[]; used: number }>();
	const arrivals = new Map<string, number[]>();
	const sockets = new Set<Socket>();

	const answer = (req: IncomingMessage, res: ServerResponse, path: string): void => {
		const script = scripts.get(path);
		if (!script) {
			res.writeHead(404, { 'Content-Type': 'text/plain' }).end(`nothing scripted at ${path}`);
			return;
		}
		const step = script.steps[Math.min(script.used, script.steps.length - 1)] ?? 'stall';
		script.used++;
		// A stalled attempt keeps its socket open until the client gives up or the origin closes.
		if (step === 'stall') return;
		if (step === 'reset') {
			if (typeof req.socket.resetAndDestroy === 'function') req.socket.resetAndDestroy();
			else req.socket.destroy();
			return;
		}
		const body = step.body ?? '';
		res.writeHead(step.status, { 'Content-Type': 'text/plain', ...step.headers });
		if (step.drip) drip(res, body, step.drip.pieces, step.drip.gapMs);
		else res.end(body);
	};

	const server = createServer((req, res) => {
		const path = req.url ?? '/';
		const list = arrivals.get(path) ?? [];
		list.push(Date.now());
		arrivals.set(path, list);
		req.resume();
		req.on('end', () => answer(req, res, path));
	});
	server.on('connection', (socket: Socket) => {
		sockets.add(socket);
		socket.on('close', () => sockets.delete(socket));
	});
	server.on('clientError', (_error, socket) => socket.destroy());

	const listen = (port: number) =>
		new Promise<void>((resolve, reject) => {
			server.once('error', reject);
			server.listen(port, '127.0.0.1', () => {
				server.off('error', reject);
				resolve();
			});
		});
	const shut = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			if (!server.listening) return resolve();
			server.close(() => resolve());
		});

	await listen(0);
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;
	return {
		url: `http://127.0.0.1:${port}`,
		script: (path, steps) => scripts.set(path, { steps, used: 0 }),
		arrivals: (path) => [...(arrivals.get(path) ?? [])],
		refuse: shut,
		async reopen() {
			// The port was ours a moment ago; a short retry covers another process taking it briefly.
			for (let attempt = 0; ; attempt++) {
				try {
					return await listen(port);
				} catch (error) {
					if (attempt >= 40) throw error;
					await new Promise((resolve) => setTimeout(resolve, 25));
				}
			}
		},
		close: shut,
	};
}

/** Byte offsets that cut `bytes` into `pieces` parts of about equal size, each moved onto the
 * nearest continuation byte (inside a character) when there is one close by. */
function cuts(bytes: Uint8Array, pieces: number): number[] {
	const offsets: number[] = [];
	for (let index = 1; index < pieces; index++) {
		let offset = Math.round((bytes.length * index) / pieces);
		for (let step = 0; step < 8 && offset + step < bytes.length; step++) {
			if (((bytes[offset + step] ?? 0) & 0xc0) === 0x80) {
				offset += step;
				break;
			}
		}
		if (offset > (offsets.at(-1) ?? 0) && offset < bytes.length) offsets.push(offset);
	}
	return offsets;
}

/** Writes the body piece by piece, `gapMs` apart, and stops if the client goes away. */
function drip(res: ServerResponse, body: string, pieces: number, gapMs: number): void {
	const bytes = new TextEncoder().encode(body);
	const bounds = [0, ...cuts(bytes, pieces), bytes.length];
	let index = 0;
	let timer: NodeJS.Timeout | undefined;
	const next = (): void => {
		if (res.destroyed) return;
		const piece = bytes.subarray(bounds[index], bounds[index + 1]);
		index++;
		if (index >= bounds.length - 1) res.end(piece);
		else {
			res.write(piece);
			timer = setTimeout(next, gapMs);
		}
	};
	res.on('close', () => clearTimeout(timer));
	next();
}

/** The waits between consecutive attempts, in ms. */
export function gaps(times: number[]): number[] {
	return times.slice(1).map((time, index) => time - (times[index] as number));
}
