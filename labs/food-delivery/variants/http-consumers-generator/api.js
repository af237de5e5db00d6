// A correct order API in another style: node:http's request() instead of fetch, bodies read with
// node:stream/consumers, the menu as a null-prototype object, and the charge's retries driven by
// an async generator that yields one wait after another.
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, request } from 'node:http';
import { json as readJsonBody, text } from 'node:stream/consumers';

const { PORT, PAYMENTS_URL, STORE_URL } = process.env;

// Dish name → price in cents. A Map, so that "constructor" or "__proto__" is an unknown dish
// rather than something every plain object inherits.
const MENU = Object.assign(Object.create(null), JSON.parse(readFileSync('menu.json', 'utf8')));

/** Payment answers that say "try again": the charge was not made, or we cannot know. */
const RETRYABLE = new Set([502, 503, 504]);
const CHARGE_RETRIES = 4;

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

function send(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

async function readJson(req) {
	try {
		return await readJsonBody(req);
	} catch {
		return undefined;
	}
}

/** One HTTP exchange: resolves to { status, body } with the body as text, or rejects on a network
 * failure or when `timeoutMs` passes first. */
function exchange(url, { method = 'GET', headers = {}, body, timeoutMs = 5000 } = {}) {
	return new Promise((resolve, reject) => {
		const req = request(url, { method, headers }, (res) => {
			text(res).then((answer) => resolve({ status: res.statusCode, body: answer }), reject);
		});
		req.setTimeout(timeoutMs, () => req.destroy(new Error('timed out')));
		req.on('error', reject);
		req.end(body);
	});
}

async function storeGet(name) {
	const res = await exchange(`${STORE_URL}/kv/${encodeURIComponent(name)}`);
	if (res.status === 404) return undefined;
	if (res.status !== 200) throw new Error(`the store answered ${res.status}`);
	return JSON.parse(res.body);
}

async function storePut(name, value) {
	const res = await exchange(`${STORE_URL}/kv/${encodeURIComponent(name)}`, {
		method: 'PUT',
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(value),
	});
	if (res.status >= 300) throw new Error(`the store answered ${res.status}`);
}

/** The waits before each retry: none before the first attempt, then up to 200 ms at random. */
async function* attempts(count) {
	yield 0;
	for (let index = 1; index < count; index++) {
		const ms = Math.random() * 200;
		await sleep(ms);
		yield index;
	}
}

/** Asks for the charge, retrying failures that may pass. The same key on every attempt lets the
 * payment service recognise a repeat and return the charge it already made. Resolves to the
 * payment service's final answer, or undefined when it never gave one worth keeping. */
async function charge(key, amountCents) {
	for await (const _ of attempts(CHARGE_RETRIES + 1)) {
		try {
			const res = await exchange(`${PAYMENTS_URL}/charges`, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key },
				body: JSON.stringify({ amountCents }),
				timeoutMs: 2500,
			});
			let body = {};
			try {
				body = JSON.parse(res.body);
			} catch {}
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
		if (typeof dish !== 'string' || !Object.hasOwn(MENU, dish)) {
			return { error: `${JSON.stringify(dish)} is not on the menu` };
		}
		if (!Number.isInteger(quantity) || quantity < 1) {
			return { error: `The quantity of ${dish} must be a whole number, at least 1` };
		}
		totalCents += MENU[dish] * quantity;
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
