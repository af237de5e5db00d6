// A correct request-ids service written around a class: each request gets a Trace that owns its id
// and its clock, makes the upstream calls on the request's behalf and writes its one log line.
// Nothing about a request lives outside its own Trace, so overlapping requests cannot mix ids.
import http from 'node:http';
import { randomUUID } from 'node:crypto';
import { Buffer } from 'node:buffer';

class Trace {
	static #pattern = /^[A-Za-z0-9_-]{8,64}$/;

	constructor(req) {
		const given = req.headers['x-request-id'];
		this.id = Trace.#pattern.test(given ?? '') ? given : randomUUID().replaceAll('-', '');
		this.method = req.method;
		this.path = req.url;
		this.start = Date.now();
	}

	async call(base, body, contentType) {
		const headers = new Headers({ 'x-request-id': this.id });
		if (contentType) headers.set('content-type', contentType);
		return fetch(new URL(this.path, base), {
			method: this.method,
			headers,
			body: body.length ? body : undefined,
			redirect: 'manual',
		});
	}

	log(status) {
		const entry = { requestId: this.id, method: this.method, path: this.path, status, durationMs: Date.now() - this.start };
		process.stdout.write(`${JSON.stringify(entry)}\n`);
	}
}

class Service {
	constructor(upstream) {
		this.upstream = upstream;
	}

	async handle(req, res) {
		const trace = new Trace(req);
		let status = 502;
		let headers = { 'content-type': 'application/json' };
		let payload = Buffer.from(JSON.stringify({ error: `upstream unavailable (request ${trace.id})` }));
		try {
			const chunks = [];
			for await (const chunk of req) chunks.push(chunk);
			const answer = await trace.call(this.upstream, Buffer.concat(chunks), req.headers['content-type']);
			payload = Buffer.from(await answer.arrayBuffer());
			status = answer.status;
			headers = { 'content-type': answer.headers.get('content-type') ?? 'application/octet-stream' };
		} catch {
			// status, headers and payload already say 502
		}
		res.writeHead(status, { ...headers, 'x-request-id': trace.id });
		res.end(payload, () => trace.log(status));
	}
}

const service = new Service(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000');
http.createServer((req, res) => service.handle(req, res)).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
