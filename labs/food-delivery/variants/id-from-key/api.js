// An order API built on node:http alone (no fetch). The order id is derived from the
// Idempotency-Key with a hash, so finding a repeated order is one store read of orders/{id}.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';

const PAYMENTS_URL = process.env.PAYMENTS_URL;
const STORE_URL = process.env.STORE_URL;
const MENU = JSON.parse(fs.readFileSync('menu.json', 'utf8'));

// Sums price × quantity over the items; -1 when any item is not an own dish of MENU with a whole
// quantity of at least 1.
function priceOf(items) {
	if (!Array.isArray(items) || items.length === 0) return -1;
	let sum = 0;
	for (let i = 0; i < items.length; i++) {
		const item = items[i];
		if (!item || !Object.hasOwn(MENU, item.dish)) return -1;
		if (!Number.isSafeInteger(item.quantity) || item.quantity <= 0) return -1;
		sum += MENU[item.dish] * item.quantity;
	}
	return sum;
}

function call(method, url, headers, body) {
	return new Promise((resolve, reject) => {
		const req = http.request(url, { method, headers }, (res) => {
			const chunks = [];
			res.on('data', (chunk) => chunks.push(chunk));
			res.on('end', () => resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }));
			res.on('error', reject);
		});
		req.setTimeout(3000, () => req.destroy(new Error('no answer in time')));
		req.on('error', reject);
		req.end(body);
	});
}

const orderIdFor = (key) => 'o-' + createHash('sha256').update(key).digest('hex').slice(0, 16);

async function loadOrder(id) {
	const answer = await call('GET', STORE_URL + '/kv/orders%2F' + encodeURIComponent(id), {});
	return answer.status === 200 ? JSON.parse(answer.text) : null;
}

async function chargeCard(key, amountCents) {
	const body = JSON.stringify({ amountCents });
	for (let tries = 1; tries <= 5; tries++) {
		try {
			const answer = await call('POST', PAYMENTS_URL + '/charges', {
				'content-type': 'application/json',
				'content-length': Buffer.byteLength(body),
				'idempotency-key': key,
			}, body);
			if (answer.status < 502 || answer.status > 504) return answer;
		} catch {
			// Lost connection: with the same key, the retry cannot charge twice.
		}
		await new Promise((resolve) => setTimeout(resolve, 20 * tries));
	}
	return null;
}

function reply(res, status, value, extra) {
	res.writeHead(status, Object.assign({ 'content-type': 'application/json' }, extra));
	res.end(JSON.stringify(value));
}

async function handle(req, res) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const path = req.url.split('?')[0];
	const byId = path.match(/^\/orders\/([^/]+)$/);
	if (req.method === 'GET' && byId) {
		const order = await loadOrder(decodeURIComponent(byId[1]));
		return order ? reply(res, 200, order) : reply(res, 404, { error: 'unknown order' });
	}
	if (req.method !== 'POST' || path !== '/orders') return reply(res, 404, { error: 'not found' });
	const key = req.headers['idempotency-key'];
	let input = null;
	try {
		input = JSON.parse(Buffer.concat(chunks).toString());
	} catch {}
	const totalCents = input ? priceOf(input.items) : -1;
	const valid = key && input && typeof input.customer === 'string' && input.customer.length > 0 && totalCents > 0;
	if (!valid) return reply(res, 400, { error: 'need Idempotency-Key and {customer, items}' });

	const id = orderIdFor(key);
	const known = await loadOrder(id);
	if (known) return reply(res, 200, known);
	const paid = await chargeCard(key, totalCents);
	if (!paid) return reply(res, 502, { error: 'payments unavailable' });
	if (paid.status !== 201) return reply(res, paid.status === 402 ? 402 : 502, { error: 'payment refused' });
	const items = input.items.map((item) => ({ dish: item.dish, quantity: item.quantity }));
	const order = { id, customer: input.customer, items, totalCents, chargeId: JSON.parse(paid.text).chargeId, status: 'paid' };
	const saved = await call('PUT', STORE_URL + '/kv/orders%2F' + encodeURIComponent(id), { 'content-type': 'application/json' }, JSON.stringify(order));
	if (saved.status >= 300) return reply(res, 503, { error: 'could not save the order' });
	reply(res, 201, order, { location: '/orders/' + id });
}

http.createServer((req, res) => {
	handle(req, res).catch((error) => reply(res, 503, { error: String(error.message) }));
}).listen(Number(process.env.PORT), '127.0.0.1');
