// An order API organised as two small classes, one per service it depends on, with fetch and
// async/await throughout. Repeats are found through an index from key to order id. The menu is
// read with fs/promises into an object without a prototype, so only its own dishes exist.
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';

const menu = Object.assign(Object.create(null), JSON.parse(await readFile('menu.json', 'utf8')));

/** The total in cents, or null when an item is not a dish of ours in a whole positive quantity. */
function total(items) {
	if (!Array.isArray(items) || items.length === 0) return null;
	const fine = items.every(
		(item) => typeof item?.dish === 'string' && menu[item.dish] !== undefined && Number.isInteger(item.quantity) && item.quantity > 0,
	);
	return fine ? items.reduce((sum, item) => sum + menu[item.dish] * item.quantity, 0) : null;
}

class Store {
	constructor(base) {
		this.base = base;
	}

	async get(name) {
		const res = await fetch(`${this.base}/kv/${encodeURIComponent(name)}`);
		return res.status === 200 ? res.json() : null;
	}

	async put(name, value) {
		const res = await fetch(`${this.base}/kv/${encodeURIComponent(name)}`, { method: 'PUT', body: JSON.stringify(value) });
		if (res.status >= 300) throw new Error(`store said ${res.status}`);
	}
}

class Payments {
	constructor(base) {
		this.base = base;
	}

	async charge(key, amountCents, attemptsLeft = 5) {
		let res;
		try {
			res = await fetch(`${this.base}/charges`, {
				method: 'POST',
				headers: { 'content-type': 'application/json', 'idempotency-key': key },
				body: JSON.stringify({ amountCents }),
			});
		} catch {
			res = undefined;
		}
		if (res && ![502, 503, 504].includes(res.status)) return { status: res.status, ...(await res.json()) };
		if (attemptsLeft <= 1) return { status: 502 };
		await new Promise((resolve) => setTimeout(resolve, Math.random() * 100));
		return this.charge(key, amountCents, attemptsLeft - 1);
	}
}

const store = new Store(process.env.STORE_URL);
const payments = new Payments(process.env.PAYMENTS_URL);

const json = (res, status, body, headers = {}) => {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
	res.end(JSON.stringify(body));
};

async function order(req, res, text) {
	const key = req.headers['idempotency-key'];
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		return json(res, 400, { error: 'body is not JSON' });
	}
	if (!key) return json(res, 400, { error: 'missing Idempotency-Key' });
	const totalCents = total(body?.items);
	if (typeof body?.customer !== 'string' || !body.customer || totalCents === null) {
		return json(res, 400, { error: 'bad customer or items' });
	}
	const knownId = await store.get(`key:${key}`);
	if (knownId) return json(res, 200, await store.get(`order:${knownId}`));
	const charge = await payments.charge(key, totalCents);
	if (charge.status === 402) return json(res, 402, { error: 'declined' });
	if (charge.status !== 201) return json(res, 502, { error: 'payments unavailable' });
	const items = body.items.map((item) => ({ dish: item.dish, quantity: item.quantity }));
	const placed = { id: randomUUID(), customer: body.customer, items, totalCents, chargeId: charge.chargeId, status: 'paid' };
	// The order first, then the index that points at it, so the index never names a missing order.
	await store.put(`order:${placed.id}`, placed);
	await store.put(`key:${key}`, placed.id);
	json(res, 201, placed, { location: `/orders/${placed.id}` });
}

createServer(async (req, res) => {
	let text = '';
	for await (const chunk of req) text += chunk;
	try {
		const [, first, id, extra] = req.url.split('?')[0].split('/');
		if (first === 'orders' && id === undefined && req.method === 'POST') return await order(req, res, text);
		if (first === 'orders' && id && extra === undefined && req.method === 'GET') {
			const found = await store.get(`order:${decodeURIComponent(id)}`);
			return found ? json(res, 200, found) : json(res, 404, { error: 'no such order' });
		}
		json(res, 404, { error: 'not found' });
	} catch (error) {
		json(res, 503, { error: error.message });
	}
}).listen(process.env.PORT, '127.0.0.1');
