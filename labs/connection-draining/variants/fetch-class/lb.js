// A draining balancer built on fetch, with one Backend object per entry of BACKENDS that keeps its
// own state and counts the requests it has in flight.
import http from 'node:http';
import { Readable } from 'node:stream';

class Backend {
	#inRotation = true;
	#inFlight = 0;

	constructor(url) {
		this.url = url;
	}

	get inRotation() {
		return this.#inRotation;
	}

	get state() {
		if (this.#inRotation) return 'active';
		return this.#inFlight === 0 ? 'drained' : 'draining';
	}

	drain() {
		this.#inRotation = false;
	}

	undrain() {
		this.#inRotation = true;
	}

	/** Counts one request in, and returns the function that counts it out (once only). */
	begin() {
		this.#inFlight += 1;
		let ended = false;
		return () => {
			if (ended) return;
			ended = true;
			this.#inFlight -= 1;
		};
	}

	toJSON() {
		return { url: this.url, state: this.state, inFlight: this.#inFlight };
	}
}

class Balancer {
	#backends;
	#cursor = 0;

	constructor(urls) {
		this.#backends = urls.map((url) => new Backend(url));
	}

	get backends() {
		return this.#backends;
	}

	find(url) {
		return this.#backends.find((backend) => backend.url === url);
	}

	/** The next backend in rotation; the cursor passes every backend it looks at. */
	pick() {
		for (let tries = 0; tries < this.#backends.length; tries++) {
			const backend = this.#backends[this.#cursor];
			this.#cursor = (this.#cursor + 1) % this.#backends.length;
			if (backend.inRotation) return backend;
		}
		return null;
	}
}

const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer', 'host', 'content-length']);

const balancer = new Balancer((process.env.BACKENDS ?? '').split(',').filter(Boolean));

function json(res, status, value) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(value));
}

async function bodyOf(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

async function changeDrain(req, res, action) {
	let backendUrl;
	try {
		backendUrl = JSON.parse((await bodyOf(req)).toString()).backend;
	} catch {
		return json(res, 400, { error: 'expected a JSON body' });
	}
	if (typeof backendUrl !== 'string') return json(res, 400, { error: 'expected {"backend": "<url>"}' });
	const backend = balancer.find(backendUrl);
	if (!backend) return json(res, 404, { error: `unknown backend ${backendUrl}` });
	backend[action]();
	json(res, 200, backend);
}

async function handleAdmin(req, res) {
	const { pathname } = new URL(req.url, 'http://lb');
	const routes = {
		'/admin/backends': ['GET', () => json(res, 200, balancer.backends)],
		'/admin/drain': ['POST', () => changeDrain(req, res, 'drain')],
		'/admin/undrain': ['POST', () => changeDrain(req, res, 'undrain')],
	};
	const route = routes[pathname];
	if (!route) return json(res, 404, { error: `not found: ${pathname}` });
	const [method, run] = route;
	if (req.method !== method) {
		res.writeHead(405, { allow: method });
		return res.end();
	}
	return run();
}

async function forward(req, res) {
	const backend = balancer.pick();
	if (!backend) {
		res.writeHead(503);
		return res.end('no backend in rotation');
	}
	const end = backend.begin();
	const controller = new AbortController();
	res.on('close', () => {
		controller.abort();
		end();
	});

	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (!DROPPED.has(name)) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	const hasBody = !['GET', 'HEAD'].includes(req.method);
	try {
		const answer = await fetch(backend.url + req.url, {
			method: req.method,
			headers,
			body: hasBody ? await bodyOf(req) : undefined,
			redirect: 'manual',
			signal: controller.signal,
		});
		const outHeaders = {};
		answer.headers.forEach((value, name) => {
			if (!DROPPED.has(name)) outHeaders[name] = value;
		});
		const cookies = answer.headers.getSetCookie();
		if (cookies.length > 0) outHeaders['set-cookie'] = cookies;
		res.writeHead(answer.status, outHeaders);
		if (!answer.body) return res.end();
		const body = Readable.fromWeb(answer.body);
		body.on('error', () => res.destroy());
		body.pipe(res);
	} catch (error) {
		if (controller.signal.aborted) return;
		console.error(`${req.method} ${req.url} via ${backend.url}: ${error.message}`);
		if (res.headersSent) return res.destroy();
		res.writeHead(502, { 'content-type': 'text/plain' });
		res.end('bad gateway');
	}
}

http
	.createServer((req, res) => {
		const handler = req.url.startsWith('/admin/') ? handleAdmin : forward;
		handler(req, res).catch((error) => {
			console.error(error);
			if (!res.headersSent) json(res, 500, { error: 'internal error' });
			else res.destroy();
		});
	})
	.listen(Number(process.env.PORT), () => console.log(`listening on ${process.env.PORT}`));
