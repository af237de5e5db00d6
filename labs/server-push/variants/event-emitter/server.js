// Order-status stream built on an EventEmitter: each stream iterates over its order's updates
// with events.on() until its client goes, and one timer sends every stream its heartbeat. Ids are
// counted per order, updates are accepted with 202, and the data carries more than the status.
import { EventEmitter, on } from 'node:events';
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const HEARTBEAT_MS = Number.parseInt(process.env.HEARTBEAT_MS ?? '', 10) || 15_000;

const bus = new EventEmitter();
// One listener per open stream, however many there are.
bus.setMaxListeners(0);
/** order id → every update so far, oldest first */
const history = new Map();
/** every open stream, for the shared heartbeat */
const open = new Set();

setInterval(() => {
	for (const res of open) res.write(`: ${new Date().toISOString()}\n\n`);
}, HEARTBEAT_MS);

function json(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8' });
	res.end(JSON.stringify(body));
}

async function body(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		return null;
	}
}

function send(res, orderId, update) {
	const data = { orderId, status: update.status, at: update.at };
	res.write(`event: status\nid: ${update.id}\ndata: ${JSON.stringify(data)}\n\n`);
}

async function stream(req, res, orderId) {
	res.writeHead(200, {
		'Content-Type': 'text/event-stream',
		'Cache-Control': 'no-cache, no-transform',
		'X-Accel-Buffering': 'no',
	});
	// The retry field sets how long EventSource waits before reconnecting; it also sends the headers.
	res.write('retry: 2000\n\n');
	open.add(res);
	const controller = new AbortController();
	req.on('close', () => {
		open.delete(res);
		controller.abort();
	});
	// Listening starts before the replay, so an update posted meanwhile is not lost; the id check
	// keeps it from being sent twice.
	const live = on(bus, orderId, { signal: controller.signal });
	let sent = Number.parseInt(req.headers['last-event-id'] ?? '0', 10) || 0;
	for (const update of history.get(orderId) ?? []) {
		if (update.id > sent) {
			send(res, orderId, update);
			sent = update.id;
		}
	}
	try {
		for await (const [update] of live) {
			if (update.id > sent) {
				send(res, orderId, update);
				sent = update.id;
			}
		}
	} catch (error) {
		if (error.name !== 'AbortError') throw error;
	}
}

async function update(req, res, orderId) {
	const input = await body(req);
	if (input === null || typeof input !== 'object' || Array.isArray(input)) {
		return json(res, 400, { error: 'the body must be a JSON object' });
	}
	if (typeof input.status !== 'string' || input.status.length === 0) {
		return json(res, 400, { error: '"status" must be a non-empty string' });
	}
	const updates = history.get(orderId) ?? [];
	history.set(orderId, updates);
	const next = { id: (updates.at(-1)?.id ?? 0) + 1, status: input.status, at: new Date().toISOString() };
	updates.push(next);
	const listeners = bus.listenerCount(orderId);
	bus.emit(orderId, next);
	json(res, 202, { orderId, id: next.id, listeners });
}

createServer((req, res) => {
	const { pathname } = new URL(req.url, 'http://localhost');
	const parts = pathname.split('/').filter(Boolean);
	if (parts.length === 3 && parts[0] === 'orders') {
		const [, orderId, action] = parts;
		if (action === 'events' && req.method === 'GET') return void stream(req, res, orderId);
		if (action === 'status' && req.method === 'POST') return void update(req, res, orderId);
	}
	json(res, 404, { error: `no route for ${req.method} ${pathname}` });
}).listen(PORT, () => console.log(`listening on ${PORT}`));
