// The order API of the food-delivery platform. Several copies run behind a load balancer, so an
// order lives in the shared store, never in one server's memory, and the client's
// Idempotency-Key goes with every charge, so that retrying a charge can never charge twice. The
// price comes from our own menu: a client names dishes and quantities, never an amount.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const { PORT, PAYMENTS_URL, STORE_URL } = process.env;

// Dish name → price in cents. A Map, so that "constructor" or "__proto__" is an unknown dish
// rather than something every plain object inherits.
const MENU = new Map(Object.entries(JSON.parse(readFileSync('menu.json', 'utf8'))));

/** Payment answers that say "try again": the charge was not made, or we cannot know. */
const RETRYABLE = new Set([502, 503, 504]);
const CHARGE_RETRIES = 4;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

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

async function storeGet(name) {
	const res = await fetch(`${STORE_URL}/kv/${encodeURIComponent(name)}`);
	if (res.status === 404) return undefined;
	if (!res.ok) throw new Error(`the store answered ${res.status}`);
	return res.json();
}

async function storePut(name, value) {
	const res = await fetch(`${STORE_URL}/kv/${encodeURIComponent(name)}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(value),
	});
	if (!res.ok) throw new Error(`the store answered ${res.status}`);
}

/** Asks for the charge, retrying failures that may pass. The same key on every attempt lets the
 * payment service recognise a repeat and return the charge it already made. Resolves to the
 * payment service's final answer, or undefined when it never gave one worth keeping. */
async function charge(key, amountCents) {
	for (let attempt = 0; attempt <= CHARGE_RETRIES; attempt++) {
		if (attempt > 0) await sleep(Math.random() * Math.min(250, 25 * 2 ** attempt));
		try {
			const res = await fetch(`${PAYMENTS_URL}/charges`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
				body: JSON.stringify({ amountCents }),
				signal: AbortSignal.timeout(3000),
			});
			const body = await res.json().catch(() => ({}));
			if (!RETRYABLE.has(res.status)) return { status: res.status, body };
		} catch {
			// Refused, reset or timed out: the charge may or may not exist, and the key makes asking
			// again safe either way.
		}
	}
	return undefined;
}

/** The order's total in cents, worked out from our menu, or the reason the items are refused. */
function priceItems(items) {
	if (!Array.isArray(items) || items.length === 0) {
		return { error: 'Send "items": a non-empty list of {"dish": string, "quantity": integer >= 1}' };
	}
	let totalCents = 0;
	for (const item of items) {
		const { dish, quantity } = item ?? {};
		if (typeof dish !== 'string' || !MENU.has(dish)) {
			return { error: `${JSON.stringify(dish)} is not on the menu` };
		}
		if (!Number.isInteger(quantity) || quantity < 1) {
			return { error: `The quantity of ${dish} must be a whole number, at least 1` };
		}
		totalCents += MENU.get(dish) * quantity;
	}
	return { totalCents };
}

async function placeOrder(req, res) {
	const key = req.headers['idempotency-key'];
	if (!key) return send(res, 400, { error: 'An Idempotency-Key header is required' });
	const input = await readJson(req);
	const { customer, items } = input ?? {};
	if (typeof customer !== 'string' || customer === '') {
		return send(res, 400, { error: 'Send JSON {"customer": string, "items": [...]}' });
	}
	const priced = priceItems(items);
	if (priced.error) return send(res, 400, { error: priced.error });
	const { totalCents } = priced;
	// A repeat of an order this or another server already placed gets that same order back.
	const existing = await storeGet(`order-by-key/${key}`);
	if (existing) return send(res, 200, existing, { Location: `/orders/${existing.id}` });

	const payment = await charge(key, totalCents);
	if (!payment) return send(res, 502, { error: 'The payment service is not answering' });
	if (payment.status === 402) return send(res, 402, { error: 'The card was declined' });
	if (payment.status !== 201) return send(res, 502, { error: `Payment failed (${payment.status})` });

	const order = {
		id: randomUUID(),
		customer,
		items: items.map(({ dish, quantity }) => ({ dish, quantity })),
		totalCents,
		chargeId: payment.body.chargeId,
		status: 'paid',
	};
	await storePut(`orders/${order.id}`, order);
	await storePut(`order-by-key/${key}`, order);
	send(res, 201, order, { Location: `/orders/${order.id}` });
}

async function route(req, res) {
	const path = req.url.split('?')[0];
	if (path === '/orders') {
		if (req.method === 'POST') return placeOrder(req, res);
		return send(res, 405, { error: 'Use POST' }, { Allow: 'POST' });
	}
	const match = /^\/orders\/([^/]+)$/.exec(path);
	if (match) {
		if (req.method !== 'GET') return send(res, 405, { error: 'Use GET' }, { Allow: 'GET' });
		const order = await storeGet(`orders/${decodeURIComponent(match[1])}`);
		if (!order) return send(res, 404, { error: `No order ${match[1]}` });
		return send(res, 200, order);
	}
	send(res, 404, { error: `Nothing at ${path}` });
}

createServer((req, res) => {
	route(req, res).catch((error) => {
		// The store failed: the order's fate is unknown, and the client may retry with its key.
		if (!res.headersSent) send(res, 503, { error: `Try again: ${error.message}` });
	});
}).listen(PORT, '127.0.0.1', () => console.log(`Order API on http://127.0.0.1:${PORT}`));
