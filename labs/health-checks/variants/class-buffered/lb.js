// A correct balancer in another style: one Backend class that checks itself on its own timer (with
// http.get and a timer that destroys a slow check), a Balancer class that buffers each request
// body so a safe request can be sent again, and a rotation kept as the last backend used.
import http from 'node:http';

const HOP = /^(connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/i;
const endToEnd = (headers) =>
	Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.test(name)));

class Backend {
	healthy = true;

	constructor(url, { path, intervalMs, timeoutMs }) {
		this.url = new URL(url);
		this.path = path;
		this.timeoutMs = timeoutMs;
		setInterval(() => this.check(), intervalMs).unref?.();
	}

	check() {
		let settled = false;
		const settle = (healthy) => {
			if (settled) return;
			settled = true;
			clearTimeout(timer);
			this.healthy = healthy;
		};
		const req = http.get(new URL(this.path, this.url), (res) => {
			res.resume();
			res.on('end', () => settle(res.statusCode >= 200 && res.statusCode <= 299));
			res.on('error', () => settle(false));
		});
		req.on('error', () => settle(false));
		const timer = setTimeout(() => {
			settle(false);
			req.destroy();
		}, this.timeoutMs);
	}
}

class Balancer {
	#last = -1;

	constructor(backends) {
		this.backends = backends;
	}

	/** The healthy backends in BACKENDS order, starting after the last one used. */
	order() {
		const count = this.backends.length;
		const ring = Array.from({ length: count }, (_, step) => this.backends[(this.#last + 1 + step) % count]);
		return ring.filter((backend) => backend.healthy);
	}

	async handle(req, res) {
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		const candidates = this.order();
		if (candidates.length === 0) return res.writeHead(503, { 'content-type': 'text/plain' }).end('No healthy backend\n');
		this.#last = this.backends.indexOf(candidates[0]);
		const safe = req.method === 'GET' || req.method === 'HEAD';
		const headers = endToEnd(req.headers);
		const before = req.headers['x-forwarded-for'];
		headers['x-forwarded-for'] = before ? `${before}, ${req.socket.remoteAddress}` : req.socket.remoteAddress;
		for (const [index, backend] of candidates.entries()) {
			const outcome = await this.send(backend, req, headers, body, res);
			if (outcome === 'done') return;
			const last = index === candidates.length - 1;
			// A refused connection sent nothing; a reset may have, so only safe methods move on then.
			if (last || (outcome === 'reset' && !safe)) break;
		}
		if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway\n');
		else res.destroy();
	}

	send(backend, req, headers, body, res) {
		return new Promise((resolve) => {
			const upstream = http.request({
				host: backend.url.hostname,
				port: backend.url.port,
				method: req.method,
				path: req.url,
				headers,
			});
			upstream.on('response', (answer) => {
				res.writeHead(answer.statusCode, endToEnd(answer.headers));
				answer.pipe(res);
				answer.on('end', () => resolve('done'));
				answer.on('error', () => resolve('done'));
			});
			upstream.on('error', (error) => {
				if (res.headersSent) return resolve('done');
				resolve(error.code === 'ECONNREFUSED' ? 'refused' : 'reset');
			});
			upstream.end(body);
		});
	}
}

const settings = {
	path: process.env.HEALTH_PATH || '/health',
	intervalMs: Number(process.env.HEALTH_INTERVAL_MS || 1000),
	timeoutMs: Number(process.env.HEALTH_TIMEOUT_MS || 500),
};
const balancer = new Balancer(process.env.BACKENDS.split(',').map((url) => new Backend(url, settings)));
http
	.createServer((req, res) => balancer.handle(req, res).catch(() => res.destroy()))
	.listen(Number(process.env.PORT), '127.0.0.1');
