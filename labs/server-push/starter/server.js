// Order-status server, starter. It already records the status updates posted to each order, and
// answers GET /orders/{id}/events with the list so far: a client has to keep asking (polling).
// Your job is to turn that answer into a stream of server-sent events that stays open.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
// TODO: read HEARTBEAT_MS (milliseconds between heartbeats, 15000 when it is not set).

/** order id → { updates: [{ id, status }] } */
const orders = new Map();
/** The id of the latest update of any order. */
let lastId = 0;

function orderFor(id) {
	// TODO: an order will also need the set of streams open on it.
	if (!orders.has(id)) orders.set(id, { updates: [] });
	return orders.get(id);
}

function sendJson(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
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
	// TODO: write the update to every stream open on this order, as an event with its id, the type
	//       "status" and JSON data, and count those streams in "listeners".
	sendJson(res, 201, { id: update.id, status, listeners: 0 });
}

function openStream(req, res, order) {
	// TODO: answer 200 with Content-Type text/event-stream and Cache-Control no-cache, send the
	//       headers at once, and keep the answer open instead of ending it.
	// TODO: replay the updates after the id in the Last-Event-ID header (all of them without it).
	// TODO: send a comment line every HEARTBEAT_MS, and forget the stream when its client goes.
	sendJson(res, 200, order.updates);
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
	console.log(`Order-status server on http://127.0.0.1:${PORT}`);
});
