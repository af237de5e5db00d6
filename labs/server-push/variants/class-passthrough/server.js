// Order-status stream built from classes and streams: an Order keeps its history and its
// watchers, and each Watcher is a PassThrough stream piped into its response, so events and
// heartbeats are written to the watcher, never to the socket directly. Ids come from one counter
// shared by every order, updates are accepted with 201, and bodies are read with
// node:stream/consumers' json(). The route table is an array of [method, pattern, handler].
import { createServer } from 'node:http';
import { PassThrough } from 'node:stream';
import { json } from 'node:stream/consumers';

const heartbeatMs = (() => {
	const raw = process.env.HEARTBEAT_MS;
	const value = raw === undefined || raw === '' ? NaN : Number(raw);
	return value > 0 ? value : 15000;
})();

let lastId = 0;

function frame(update) {
	return `id: ${update.id}\nevent: status\ndata: ${JSON.stringify({ status: update.status })}\n\n`;
}

class Watcher extends PassThrough {
	constructor(res, onGone) {
		super();
		this.res = res;
		this.pipe(res);
		this.timer = setInterval(() => this.write(': heartbeat\n\n'), heartbeatMs);
		let gone = false;
		const leave = () => {
			if (gone) return;
			gone = true;
			clearInterval(this.timer);
			this.unpipe(res);
			this.destroy();
			onGone(this);
		};
		res.on('close', leave);
		res.on('error', leave);
	}

	send(update) {
		if (!this.destroyed) this.write(frame(update));
	}
}

class Order {
	history = [];
	watchers = new Set();

	post(status) {
		const update = { id: ++lastId, status };
		this.history.push(update);
		for (const watcher of this.watchers) watcher.send(update);
		return { id: update.id, listeners: this.watchers.size };
	}

	watch(res, lastSeen) {
		res.writeHead(200, {
			'Content-Type': 'text/event-stream; charset=utf-8',
			'Cache-Control': 'no-cache',
			Connection: 'keep-alive',
		});
		res.flushHeaders();
		const watcher = new Watcher(res, (w) => this.watchers.delete(w));
		for (const update of this.history) if (update.id > lastSeen) watcher.send(update);
		if (!res.destroyed) this.watchers.add(watcher);
	}
}

const orders = new Map();
function order(id) {
	if (!orders.has(id)) orders.set(id, new Order());
	return orders.get(id);
}

function reply(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

const routes = [
	[
		'POST',
		/^\/orders\/([\w-]+)\/status$/,
		async (req, res, id) => {
			let body;
			try {
				body = await json(req);
			} catch {
				return reply(res, 400, { error: 'The body must be JSON' });
			}
			if (body === null || typeof body !== 'object' || Array.isArray(body)) {
				return reply(res, 400, { error: 'The body must be a JSON object' });
			}
			if (typeof body.status !== 'string' || body.status.length === 0) {
				return reply(res, 400, { error: 'status must be a non-empty string' });
			}
			reply(res, 201, order(id).post(body.status));
		},
	],
	[
		'GET',
		/^\/orders\/([\w-]+)\/events$/,
		(req, res, id) => {
			const header = req.headers['last-event-id'];
			const lastSeen = header !== undefined && /^\d+$/.test(header.trim()) ? Number(header) : 0;
			order(id).watch(res, lastSeen);
		},
	],
];

createServer((req, res) => {
	const path = req.url.split('?')[0];
	for (const [method, pattern, handler] of routes) {
		const match = pattern.exec(path);
		if (match && req.method === method) {
			Promise.resolve(handler(req, res, match[1])).catch((error) => {
				console.error(error);
				if (!res.headersSent) reply(res, 500, { error: 'Internal error' });
			});
			return;
		}
	}
	reply(res, 404, { error: 'Not found' });
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
