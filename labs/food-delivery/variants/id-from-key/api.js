// An order API built on node:http alone (no fetch). The order id is derived from the
// Idempotency-Key with a hash, so finding a repeated order is one store read of orders/{id}.
import { createHash } from 'node:crypto';
import http from 'node:http';

const PAYMENTS_URL = process.env.PAYMENTS_URL;
const STORE_URL = process.env.STORE_URL;

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
	const valid = key && input && typeof input.customer === 'string' && input.customer.length > 0 &&
		Number.isInteger(input.amountCents) && input.amountCents > 0;
	if (!valid) return reply(res, 400, { error: 'need Idempotency-Key and {customer, amountCents}' });

	const id = orderIdFor(key);
	const known = await loadOrder(id);
	if (known) return reply(res, 200, known);
	const paid = await chargeCard(key, input.amountCents);
	if (!paid) return reply(res, 502, { error: 'payments unavailable' });
	if (paid.status !== 201) return reply(res, paid.status === 402 ? 402 : 502, { error: 'payment refused' });
	const order = { id, customer: input.customer, amountCents: input.amountCents, chargeId: JSON.parse(paid.text).chargeId, status: 'paid' };
	const saved = await call('PUT', STORE_URL + '/kv/orders%2F' + encodeURIComponent(id), { 'content-type': 'application/json' }, JSON.stringify(order));
	if (saved.status >= 300) return reply(res, 503, { error: 'could not save the order' });
	reply(res, 201, order, { location: '/orders/' + id });
}

http.createServer((req, res) => {
	handle(req, res).catch((error) => reply(res, 503, { error: String(error.message) }));
}).listen(Number(process.env.PORT), '127.0.0.1');
