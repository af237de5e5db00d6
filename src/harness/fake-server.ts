import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type {
	FakeBehaviour,
	FakeResponse,
	FakeServer,
	FakeServerOptions,
	RecordedRequest,
} from './types.ts';

/** Starts a grader-owned HTTP server on 127.0.0.1 that records every request and answers as told.
 * `onError` receives failures of the grader's own `respond` function, which are grader bugs. */
export async function startFakeServer(
	options: FakeServerOptions,
	onError: (error: unknown) => void = () => {},
): Promise<FakeServer> {
	const sockets = new Set<Socket>();
	const timers = new Set<ReturnType<typeof setTimeout>>();
	/** Runs `action` after `ms`, on a timer that teardown clears if it has not fired. */
	const later = (ms: number, action: () => void) => {
		const timer = setTimeout(() => {
			timers.delete(timer);
			action();
		}, ms);
		timers.add(timer);
	};
	const requests: RecordedRequest[] = [];
	let behaviour: FakeBehaviour = options.behaviour ?? { kind: 'respond' };
	let stopped = false;
	const name = options.name ?? 'fake server';

	const answer = async (record: RecordedRequest, res: ServerResponse): Promise<void> => {
		try {
			const reply = options.respond ? await options.respond(record) : defaultResponse(name, record);
			if (res.destroyed) return;
			res.writeHead(reply.status, reply.headers);
			res.end(reply.body);
		} catch (error) {
			onError(error);
			if (!res.destroyed) res.writeHead(500).end();
		}
	};

	const handle = (req: IncomingMessage, res: ServerResponse): void => {
		const receivedAt = Date.now();
		const chunks: Buffer[] = [];
		req.on('data', (chunk: Buffer) => chunks.push(chunk));
		req.on('end', () => {
			const record: RecordedRequest = {
				method: req.method ?? '',
				path: req.url ?? '',
				headers: { ...req.headers },
				rawHeaders: [...req.rawHeaders],
				body: new Uint8Array(Buffer.concat(chunks)),
				receivedAt,
				remoteAddress: req.socket.remoteAddress ?? '',
			};
			requests.push(record);
			const now = behaviour;
			if (now.kind === 'respond') void answer(record, res);
			else if (now.kind === 'fail') {
				const status = now.status ?? 500;
				res.writeHead(status, { 'Content-Type': 'application/json' });
				res.end(JSON.stringify({ error: `${name} failed on purpose (status ${status})` }));
			} else if (now.kind === 'reset' || now.kind === 'refuse') {
				reset(req.socket);
			} else if (now.kind === 'cut') {
				res.writeHead(200, { 'Content-Type': 'text/plain', 'Content-Length': '4096' });
				res.write('a first part of a longer answer\n', () =>
					later(now.afterMs, () => reset(req.socket)),
				);
			} else if (now.kind === 'slow') {
				later(now.delayMs, () => void answer(record, res));
			}
			// 'stall' never answers; the socket is destroyed at teardown.
		});
	};

	const server = createServer(handle);
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
	const close = () =>
		new Promise<void>((resolve) => {
			for (const socket of sockets) socket.destroy();
			if (!server.listening) return resolve();
			server.close(() => resolve());
			server.closeAllConnections();
		});

	await listen(0);
	const address = server.address();
	const port = typeof address === 'object' && address ? address.port : 0;

	const fake: FakeServer = {
		name,
		url: `http://127.0.0.1:${port}`,
		port,
		requests,
		async behave(next) {
			behaviour = next;
			if (stopped) return;
			if (next.kind === 'refuse') return close();
			if (!server.listening) await relisten(listen, port);
		},
		async stop() {
			stopped = true;
			for (const timer of timers) clearTimeout(timer);
			timers.clear();
			await close();
		},
	};
	if (behaviour.kind === 'refuse') await close();
	return fake;
}

/** Takes the same port again after `refuse`, so the learner's program finds its backend where it
 * was. The port was ours a moment ago; a short retry covers another process grabbing it briefly. */
async function relisten(listen: (port: number) => Promise<void>, port: number): Promise<void> {
	for (let attempt = 0; ; attempt++) {
		try {
			return await listen(port);
		} catch (error) {
			if (attempt >= 40)
				throw new Error(`Fake server could not listen on port ${port} again.`, { cause: error });
			await new Promise((resolve) => setTimeout(resolve, 25));
		}
	}
}

function defaultResponse(name: string, record: RecordedRequest): FakeResponse {
	return {
		status: 200,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ server: name, method: record.method, path: record.path }),
	};
}

/** A reset (RST) rather than a clean close: the peer sees ECONNRESET, as when a server dies. Some
 * sandboxed runtimes (a WebContainer) lack resetAndDestroy; a plain destroy is close. */
function reset(socket: Socket): void {
	if (typeof socket.resetAndDestroy === 'function') socket.resetAndDestroy();
	else socket.destroy();
}
