// A correct caching proxy written as a class. GETs go to the origin with http.get and are read with
// for await; other methods are streamed both ways with pipe(). Clients that ask for a key while it
// is being fetched wait on an EventEmitter with events.once() instead of sharing a promise. Headers
// are kept as Node's rawHeaders arrays, so their case reaches the client as the origin wrote it.
import http from 'node:http';
import { EventEmitter, once } from 'node:events';

const DROP = new Set([
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
]);

function keepRaw(raw) {
	const out = [];
	for (let i = 0; i < raw.length; i += 2) {
		if (!DROP.has(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
	}
	return out;
}

function rawGet(raw, name) {
	for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === name) return raw[i + 1];
	return undefined;
}

class CachingProxy {
	constructor(origin, ttlMs) {
		this.origin = new URL(origin);
		this.ttlMs = ttlMs;
		this.entries = new Map();
		this.loading = new Set();
		this.done = new EventEmitter();
		this.done.setMaxListeners(0);
	}

	options(req) {
		const raw = keepRaw(req.rawHeaders).filter((_, i, all) => {
			const name = (i % 2 === 0 ? all[i] : all[i - 1]).toLowerCase();
			return name !== 'host' && name !== 'x-forwarded-for';
		});
		const before = req.headers['x-forwarded-for'];
		const client = req.socket.remoteAddress;
		raw.push('Host', this.origin.host, 'X-Forwarded-For', before ? `${before}, ${client}` : client);
		return {
			host: this.origin.hostname,
			port: this.origin.port,
			method: req.method,
			path: req.url,
			headers: raw,
			agent: false,
		};
	}

	async fetchWhole(req) {
		const outgoing = http.get(this.options(req));
		const [answer] = await once(outgoing, 'response');
		const parts = [];
		for await (const part of answer) parts.push(part);
		return { status: answer.statusCode, raw: keepRaw(answer.rawHeaders), body: Buffer.concat(parts) };
	}

	storable(answer) {
		if (answer.status !== 200) return false;
		const control = String(rawGet(answer.raw, 'cache-control') ?? '').toLowerCase();
		return !control
			.split(',')
			.map((d) => d.split('=')[0].trim())
			.some((d) => d === 'no-store' || d === 'private');
	}

	async sharedFetch(key, req) {
		if (this.loading.has(key)) {
			const [outcome] = await once(this.done, key);
			if (outcome.error) throw outcome.error;
			return outcome.answer;
		}
		this.loading.add(key);
		let outcome;
		try {
			const answer = await this.fetchWhole(req);
			if (this.storable(answer)) {
				this.entries.set(key, { answer, until: performance.now() + this.ttlMs });
			}
			outcome = { answer };
		} catch (error) {
			outcome = { error };
		}
		this.loading.delete(key);
		this.done.emit(key, outcome);
		if (outcome.error) throw outcome.error;
		return outcome.answer;
	}

	reply(res, answer, mark) {
		res.writeHead(answer.status, [...answer.raw, 'X-Cache', mark]);
		res.end(answer.body);
	}

	async get(req, res) {
		const key = req.url;
		if ('authorization' in req.headers) {
			return this.reply(res, await this.fetchWhole(req), 'MISS');
		}
		const entry = this.entries.get(key);
		if (entry && entry.until > performance.now()) return this.reply(res, entry.answer, 'HIT');
		this.entries.delete(key);
		this.reply(res, await this.sharedFetch(key, req), 'MISS');
	}

	write(req, res) {
		return new Promise((resolve, reject) => {
			const outgoing = http.request(this.options(req), (answer) => {
				if (['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method)) {
					if (answer.statusCode >= 200 && answer.statusCode < 300) this.entries.delete(req.url);
				}
				res.writeHead(answer.statusCode, keepRaw(answer.rawHeaders));
				answer.pipe(res);
				answer.on('end', resolve);
				answer.on('error', reject);
			});
			outgoing.on('error', reject);
			req.pipe(outgoing);
		});
	}

	handle(req, res) {
		const work = req.method === 'GET' ? this.get(req, res) : this.write(req, res);
		work.catch((error) => {
			console.error(`${req.method} ${req.url}: ${error.message}`);
			if (res.headersSent) return res.destroy();
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('origin unreachable\n');
		});
	}
}

const ttlSetting = process.env.CACHE_TTL_MS;
const proxy = new CachingProxy(
	process.env.ORIGIN,
	ttlSetting === undefined || ttlSetting === '' ? 1000 : Number(ttlSetting),
);
http.createServer((req, res) => proxy.handle(req, res)).listen(Number(process.env.PORT), '127.0.0.1');
