// Backends of the grader's own that can send an answer's status and headers and then keep its body
// open, which the harness's fake servers cannot: a request whose headers have gone out is still in
// flight until its body ends, and judging that needs answers stopped halfway.
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Paths under this prefix get their headers and a first piece of body, then wait. */
export const OPEN = '/open-';

export interface StreamingBackend {
	number: number;
	url: string;
	/** The paths it has received, oldest first. */
	paths: string[];
	/** Answers begun and not yet ended, oldest first, with the path each answers. */
	open: { path: string; res: ServerResponse }[];
}

export interface StreamingPool {
	backends: StreamingBackend[];
	/** Ends the oldest open answer of `backend`; returns its path. */
	finish(backend: StreamingBackend): string | undefined;
	/** The backend that received `path`, if one did. */
	receiver(path: string): StreamingBackend | undefined;
	/** Ends every open answer and stops every backend. */
	close(): Promise<void>;
}

export async function startStreamingPool(count: number): Promise<StreamingPool> {
	const servers: Server[] = [];
	const sockets = new Set<Socket>();
	const backends: StreamingBackend[] = [];
	for (let number = 1; number <= count; number++) {
		const backend: StreamingBackend = { number, url: '', paths: [], open: [] };
		const server = createServer((req, res) => {
			const path = req.url ?? '/';
			backend.paths.push(path);
			req.resume();
			req.on('end', () => {
				res.writeHead(200, { 'Content-Type': 'text/plain' });
				if (!path.startsWith(OPEN)) return void res.end(`backend ${number}\n`);
				res.write(`backend ${number} has begun `);
				backend.open.push({ path, res });
			});
		});
		server.on('connection', (socket: Socket) => {
			sockets.add(socket);
			socket.on('close', () => sockets.delete(socket));
		});
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		const address = server.address();
		backend.url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
		servers.push(server);
		backends.push(backend);
	}
	return {
		backends,
		finish(backend) {
			const first = backend.open.shift();
			first?.res.end('and ended\n');
			return first?.path;
		},
		receiver: (path) => backends.find((backend) => backend.paths.includes(path)),
		async close() {
			for (const backend of backends) for (const { res } of backend.open) res.end();
			for (const socket of sockets) socket.destroy();
			await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
		},
	};
}
