// A correct load-shedding server written around a small Limiter class. It streams request bodies
// to the upstream with fetch (duplex: 'half') and streams answers back with pipeline(), keeps its
// own AbortController per request with a timer for the deadline, and listens on all interfaces.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

class Limiter {
	#max;
	#used = 0;
	constructor(max) {
		this.#max = max;
	}
	get used() {
		return this.#used;
	}
	/** A release function when a slot is free, else null. The function frees the slot only once. */
	tryAcquire() {
		if (this.#used >= this.#max) return null;
		this.#used++;
		let held = true;
		return () => {
			if (!held) return;
			held = false;
			this.#used--;
		};
	}
}

class SheddingProxy {
	#base;
	#timeoutMs;
	#limiter;

	constructor({ base, max, timeoutMs }) {
		this.#base = base;
		this.#timeoutMs = timeoutMs;
		this.#limiter = new Limiter(max);
	}

	handle = async (req, res) => {
		const { pathname } = new URL(req.url, 'http://localhost');
		if (pathname === '/health' && req.method === 'GET') {
			return this.#reply(res, 200, { healthy: true, inFlight: this.#limiter.used });
		}
		const release = this.#limiter.tryAcquire();
		if (!release) {
			return this.#reply(res, 503, { error: 'Server is at capacity' }, { 'Retry-After': '1' });
		}
		const controller = new AbortController();
		const timer = setTimeout(() => controller.abort(new Error('deadline')), this.#timeoutMs);
		res.on('close', () => {
			clearTimeout(timer);
			if (!res.writableFinished) controller.abort(new Error('client gone'));
			release();
		});
		try {
			const hasBody = req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH';
			const answer = await fetch(new URL(req.url, this.#base), {
				method: req.method,
				headers: { 'content-type': req.headers['content-type'] ?? 'application/octet-stream' },
				body: hasBody ? Readable.toWeb(req) : undefined,
				duplex: 'half',
				redirect: 'manual',
				signal: controller.signal,
			});
			clearTimeout(timer);
			res.statusCode = answer.status;
			res.setHeader('Content-Type', answer.headers.get('content-type') ?? 'application/octet-stream');
			await pipeline(Readable.fromWeb(answer.body), res);
		} catch {
			clearTimeout(timer);
			if (res.headersSent || res.destroyed) return res.destroy();
			if (controller.signal.aborted && controller.signal.reason?.message === 'deadline') {
				this.#reply(res, 504, { error: 'Upstream took too long' });
			} else {
				this.#reply(res, 502, { error: 'Upstream failed' });
			}
		}
	};

	#reply(res, status, body, headers = {}) {
		res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
		res.end(JSON.stringify(body));
	}
}

const proxy = new SheddingProxy({
	base: process.env.UPSTREAM_URL,
	max: Number(process.env.MAX_IN_FLIGHT),
	timeoutMs: Number(process.env.UPSTREAM_TIMEOUT_MS),
});
createServer(proxy.handle).listen(Number(process.env.PORT));
