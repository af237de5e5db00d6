// Order-status stream. Clients post status updates to an order; anyone watching the order gets
// each one at once as a server-sent event, and a client that reconnects with Last-Event-ID gets
// exactly what it missed.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const setting = Number(process.env.HEARTBEAT_MS);
// Number(undefined) is NaN, and a timer given NaN fires every millisecond: fall back to 15 s.
const HEARTBEAT_MS = Number.isFinite(setting) && setting > 0 ? setting : 15_000;

/** order id → { updates: [{ id, status }], streams: Set of open responses } */
const orders = new Map();
/** The id of the latest update of any order; ids grow across all orders. */
let lastId = 0;

function orderFor(id) {
	if (!orders.has(id)) orders.set(id, { updates: [], streams: new Set() });
	return orders.get(id);
}

function sendJson(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

/** One update as an event: its id, its type, its data as one line of JSON, and a blank line. */
function writeEvent(res, update) {
	const data = JSON.stringify({ status: update.status });
	res.write(`id: ${update.id}\nevent: status\ndata: ${data}\n\n`);
}

async function readJson(req) {
	let text = '';
	for await (const chunk of req) text += chunk;
	try {
		return JSON.parse(text);
	} catch {
		return undefined;
	}
}

async function postStatus(req, res, order) {
	const body = await readJson(req);
	const status = typeof body === 'object' && body !== null ? body.status : undefined;
	if (typeof status !== 'string' || status === '') {
		return sendJson(res, 400, { error: 'expected a JSON body like {"status": "cooking"}' });
	}
	const update = { id: ++lastId, status };
	order.updates.push(update);
	for (const stream of order.streams) writeEvent(stream, update);
	sendJson(res, 201, { id: update.id, status, listeners: order.streams.size });
}

function openStream(req, res, order) {
	res.writeHead(200, { 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' });
	// Node holds the headers back until the first write; a quiet order must still see them now.
	res.flushHeaders();
	// A client that reconnects says which update it saw last; it gets only the later ones.
	const seen = Number(req.headers['last-event-id'] ?? 0);
	for (const update of order.updates) {
		if (!(update.id <= seen)) writeEvent(res, update);
	}
	order.streams.add(res);
	// A comment line keeps proxies from closing a quiet stream; EventSource ignores it.
	const heartbeat = setInterval(() => res.write(': heartbeat\n\n'), HEARTBEAT_MS);
	// The client has gone: stop writing to it and let it be collected.
	req.on('close', () => {
		clearInterval(heartbeat);
		order.streams.delete(res);
	});
}

const server = createServer((req, res) => {
	const match = /^\/orders\/([\w-]+)\/(status|events)$/.exec(req.url.split('?')[0]);
	if (!match) return sendJson(res, 404, { error: 'not found' });
	const [, orderId, what] = match;
	if (what === 'status' && req.method === 'POST') return postStatus(req, res, orderFor(orderId));
	if (what === 'events' && req.method === 'GET') return openStream(req, res, orderFor(orderId));
	sendJson(res, 405, { error: 'method not allowed' }, { Allow: what === 'status' ? 'POST' : 'GET' });
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Order-status streams on http://127.0.0.1:${PORT} (heartbeat every ${HEARTBEAT_MS} ms)`);
});
