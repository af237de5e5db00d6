import { createServer, connect } from 'node:net';

/** Asks the OS for a free port on 127.0.0.1 and releases it for the learner's program to take. */
export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.unref();
		server.on('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const address = server.address();
			const port = typeof address === 'object' && address ? address.port : 0;
			server.close(() => (port > 0 ? resolve(port) : reject(new Error('No port assigned.'))));
		});
	});
}

/** Resolves true if 127.0.0.1:port accepts a TCP connection within `timeoutMs`. */
export function accepts(port: number, timeoutMs = 500): Promise<boolean> {
	return new Promise((resolve) => {
		const socket = connect({ host: '127.0.0.1', port });
		const done = (ok: boolean) => {
			clearTimeout(timer);
			socket.destroy();
			resolve(ok);
		};
		const timer = setTimeout(() => done(false), timeoutMs);
		socket.once('connect', () => done(true));
		socket.once('error', () => done(false));
	});
}
