// A scripted origin: each path answers its attempts one step at a time (an answer, a stall or a
// reset), and records when every attempt arrived, so the grader can measure the waits between
// them. The harness's fake server answers one way for all requests at a time; here the first
// attempt may be reset and the second answered, so the origin is its own small server.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

export type Step =
	{ status: number; headers?: Record<string, string>; body?: string } | 'stall' | 'reset';

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
		res.end(body);
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

/** The waits between consecutive attempts, in ms. */
export function gaps(times: number[]): number[] {
	return times.slice(1).map((time, index) => time - (times[index] as number));
}
