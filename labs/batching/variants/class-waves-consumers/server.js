// A correct batch endpoint written as a class: bodies are read with node:stream/consumers, which
// decodes a whole stream at once, and sub-requests go out in waves of ten, each wave side by side,
// rather than through a pool of workers.
import http from 'node:http';
import { text } from 'node:stream/consumers';

class BatchEndpoint {
	static MAX_BATCH = 50;
	static WAVE = 10;

	constructor(apiUrl) {
		this.api = new URL(apiUrl);
	}

	/** The error that makes `batch` invalid, or null. */
	static problem(batch) {
		if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) return 'not an object';
		if (!Array.isArray(batch.requests)) return 'requests is not an array';
		const index = batch.requests.findIndex(
			(sub) =>
				typeof sub !== 'object' ||
				sub === null ||
				Array.isArray(sub) ||
				typeof sub.path !== 'string' ||
				!sub.path.startsWith('/') ||
				(sub.method !== undefined && typeof sub.method !== 'string'),
		);
		return index === -1 ? null : `requests[${index}] is malformed`;
	}

	get(path) {
		return new Promise((resolve) => {
			const req = http.get({ host: this.api.hostname, port: this.api.port, path }, (res) => {
				text(res).then(
					(body) => {
						let parsed = body;
						try {
							parsed = JSON.parse(body);
						} catch {}
						resolve({ status: res.statusCode, body: parsed });
					},
					() => resolve({ status: 502 }),
				);
			});
			req.on('error', () => resolve({ status: 502 }));
		});
	}

	one(sub) {
		return (sub.method ?? 'GET') === 'GET' ? this.get(sub.path) : Promise.resolve({ status: 405 });
	}

	async run(subs) {
		const responses = [];
		for (let start = 0; start < subs.length; start += BatchEndpoint.WAVE) {
			const wave = subs.slice(start, start + BatchEndpoint.WAVE);
			responses.push(...(await Promise.all(wave.map((sub) => this.one(sub)))));
		}
		return responses;
	}

	async handle(req, res) {
		const send = (status, value, headers = {}) => {
			res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
			res.end(JSON.stringify(value));
		};
		if (new URL(req.url, 'http://x').pathname !== '/batch') return send(404, { error: 'no such route' });
		if (req.method !== 'POST') return send(405, { error: 'POST only' }, { Allow: 'POST' });
		let batch;
		try {
			batch = JSON.parse(await text(req));
		} catch {
			return send(400, { error: 'the body is not JSON' });
		}
		const problem = BatchEndpoint.problem(batch);
		if (problem) return send(400, { error: problem });
		if (batch.requests.length > BatchEndpoint.MAX_BATCH) return send(413, { error: 'too many requests' });
		send(200, { responses: await this.run(batch.requests) });
	}
}

const endpoint = new BatchEndpoint(process.env.API_URL);
http
	.createServer((req, res) => endpoint.handle(req, res).catch(() => res.destroy()))
	.listen(Number(process.env.PORT), '127.0.0.1');
