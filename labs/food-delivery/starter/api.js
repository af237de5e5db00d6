// The order API of the food-delivery platform. The grader starts two or more copies of it, on
// different ports, next to its own payment service and key-value store; README.md has the rules.
//
// Right now it works for one server on a perfect network and a polite client: orders live in this
// process's memory, the charge is asked for once, without the client's Idempotency-Key, and the
// items are priced without being checked.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const { PORT, PAYMENTS_URL } = process.env;

// The menu, dish name → price in cents, which the grader (or Run) writes next to this file.
const menu = JSON.parse(readFileSync('menu.json', 'utf8'));

// TODO: keep orders in the store at STORE_URL (GET and PUT /kv/{key}) so that every server
// sees them, and find a repeated Idempotency-Key there before charging again.
const orders = new Map();

function send(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

async function readJson(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	try {
		return JSON.parse(Buffer.concat(chunks).toString('utf8'));
	} catch {
		return undefined;
	}
}

async function placeOrder(req, res) {
	// TODO: require an Idempotency-Key header, and check the body: 400 for anything wrong. That
	// includes a dish that is not on the menu (careful: every object answers to "constructor"), and
	// a quantity that is not a whole number of at least 1.
	const { customer, items } = (await readJson(req)) ?? {};
	// The price comes from our menu, never from the client.
	const totalCents = items.reduce((sum, item) => sum + menu[item.dish] * item.quantity, 0);

	// TODO: send the client's Idempotency-Key with the charge, and retry it (same key) when the
	// payment service answers 502, 503 or 504 or the connection fails; 502 when it never works.
	const payment = await fetch(`${PAYMENTS_URL}/charges`, {
		method: 'POST',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify({ amountCents: totalCents }),
	});
	if (payment.status === 402) return send(res, 402, { error: 'The card was declined' });
	if (payment.status !== 201) return send(res, 502, { error: `Payment failed (${payment.status})` });
	const { chargeId } = await payment.json();

	const order = { id: randomUUID(), customer, items, totalCents, chargeId, status: 'paid' };
	orders.set(order.id, order);
	send(res, 201, order, { Location: `/orders/${order.id}` });
}

createServer(async (req, res) => {
	try {
		const path = req.url.split('?')[0];
		if (path === '/orders' && req.method === 'POST') return await placeOrder(req, res);
		const match = /^\/orders\/([^/]+)$/.exec(path);
		if (match && req.method === 'GET' && orders.has(match[1])) {
			return send(res, 200, orders.get(match[1]));
		}
		send(res, 404, { error: `Nothing at ${path}` });
	} catch (error) {
		if (!res.headersSent) send(res, 502, { error: error.message });
	}
}).listen(PORT, '127.0.0.1', () => console.log(`Order API on http://127.0.0.1:${PORT}`));
