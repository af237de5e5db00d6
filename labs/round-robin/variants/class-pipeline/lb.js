// A correct balancer in another style: a class that owns the rotation, stream pipeline() for both
// bodies, hop-by-hop headers dropped by a regular expression, and a 502 when a backend refuses.
import http from 'node:http';
import { pipeline } from 'node:stream';

const HOP = /^(connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/i;

class RoundRobin {
	#next = 0;

	constructor(urls) {
		this.backends = urls.map((url) => new URL(url));
	}

	/** Whose turn it is; the turn passes whether or not that backend answers. */
	take() {
		const backend = this.backends[this.#next];
		this.#next = (this.#next + 1) % this.backends.length;
		return backend;
	}

	static endToEnd(headers) {
		return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP.test(name)));
	}

	handle(req, res) {
		const backend = this.take();
		const headers = RoundRobin.endToEnd(req.headers);
		const before = req.headers['x-forwarded-for'];
		headers['x-forwarded-for'] = before ? `${before}, ${req.socket.remoteAddress}` : req.socket.remoteAddress;
		const upstream = http.request({
			host: backend.hostname,
			port: backend.port,
			method: req.method,
			path: req.url,
			headers,
		});
		upstream.on('response', (answer) => {
			res.writeHead(answer.statusCode, RoundRobin.endToEnd(answer.headers));
			pipeline(answer, res, () => {});
		});
		upstream.on('error', () => {
			if (res.headersSent) return res.destroy();
			res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway\n');
		});
		req.pipe(upstream);
	}
}

const balancer = new RoundRobin(process.env.BACKENDS.split(',').filter(Boolean));
http.createServer((req, res) => balancer.handle(req, res)).listen(Number(process.env.PORT), '127.0.0.1');
