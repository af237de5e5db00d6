// A correct balancer in another style: one class per strategy behind a common interface, stream
// pipeline() for both directions, a request counted until the client's answer has finished, and
// IP hash by FNV-1a over the whole address, a hash that mixes every character.
import http from 'node:http';
import { pipeline } from 'node:stream';

const HOP = /^(connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/i;

class LeastConnections {
	constructor(backends) {
		this.backends = backends;
		this.counts = new Map(backends.map((backend) => [backend, 0]));
	}
	/** Among the least busy, a random one: ties may go anywhere. */
	pick() {
		const fewest = Math.min(...this.counts.values());
		const least = this.backends.filter((backend) => this.counts.get(backend) === fewest);
		return least[Math.floor(Math.random() * least.length)];
	}
	begin(backend) {
		this.counts.set(backend, this.counts.get(backend) + 1);
	}
	end(backend) {
		this.counts.set(backend, this.counts.get(backend) - 1);
	}
}

class IpHash {
	constructor(backends) {
		this.backends = backends;
	}
	static fnv1a(text) {
		let hash = 0x811c9dc5;
		for (const char of text) {
			hash ^= char.charCodeAt(0);
			hash = Math.imul(hash, 0x01000193) >>> 0;
		}
		return hash;
	}
	pick(req) {
		const entries = (req.headers['x-forwarded-for'] ?? '').split(',');
		const address = entries.at(-1).trim() || req.socket.remoteAddress;
		return this.backends[IpHash.fnv1a(address) % this.backends.length];
	}
	begin() {}
	end() {}
}

const backends = process.env.BACKENDS.split(',').map((url) => new URL(url));
const strategy =
	process.env.STRATEGY === 'ip-hash' ? new IpHash(backends) : new LeastConnections(backends);

http
	.createServer((req, res) => {
		const backend = strategy.pick(req);
		strategy.begin(backend);
		let counted = true;
		res.once('close', () => {
			if (counted) strategy.end(backend);
			counted = false;
		});
		const headers = {};
		for (const [name, value] of Object.entries(req.headers)) if (!HOP.test(name)) headers[name] = value;
		const before = req.headers['x-forwarded-for'];
		headers['x-forwarded-for'] = before ? `${before}, ${req.socket.remoteAddress}` : req.socket.remoteAddress;
		const upstream = http.request({
			host: backend.hostname,
			port: backend.port,
			method: req.method,
			path: req.url,
			headers,
			agent: false,
		});
		upstream.on('response', (answer) => {
			const out = {};
			for (const [name, value] of Object.entries(answer.headers)) if (!HOP.test(name)) out[name] = value;
			res.writeHead(answer.statusCode, out);
			pipeline(answer, res, () => {});
		});
		upstream.on('error', () => {
			if (res.headersSent) return res.destroy();
			res.writeHead(502, { 'content-type': 'text/plain' }).end('Bad Gateway\n');
		});
		pipeline(req, upstream, () => {});
	})
	.listen(Number(process.env.PORT), '127.0.0.1');
