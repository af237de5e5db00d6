// A correct orders API whose routing is an event emitter: each request is emitted under a
// "METHOD /shape" event name, and an unhandled name falls back to 405 or 404. Bodies are read with
// node:stream/consumers, the catalogue is a plain object keyed by id (guarded against inherited
// keys), the store is a closure, and order ids are "ord-" plus a counter and a random suffix.
import { createServer } from 'node:http';
import { EventEmitter } from 'node:events';
import { text } from 'node:stream/consumers';
import { readFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';

const catalogue = JSON.parse(readFileSync(new URL('products.json', `file://${process.cwd()}/`)));
const byId = Object.create(null);
for (const p of catalogue) byId[p.id] = p;
const token = process.env.API_TOKEN;

function makeOrderStore() {
	const saved = Object.create(null);
	let n = 0;
	return {
		add(fields) {
			n += 1;
			const order = { id: `ord-${n}-${randomBytes(3).toString('hex')}`, ...fields };
			saved[order.id] = order;
			return order;
		},
		find: (id) => saved[id],
	};
}
const store = makeOrderStore();

const json = (res, status, value, extra) => {
	res.statusCode = status;
	res.setHeader('content-type', 'application/json; charset=utf-8');
	for (const [k, v] of Object.entries(extra ?? {})) res.setHeader(k, v);
	res.end(JSON.stringify(value));
};
const oops = (res, status, error, extra) => json(res, status, { error }, extra);

const shapes = [
	['/products', /^\/products$/, 'GET'],
	['/products/:id', /^\/products\/([^/]+)$/, 'GET'],
	['/orders', /^\/orders$/, 'POST'],
	['/orders/:id', /^\/orders\/([^/]+)$/, 'GET'],
];

const api = new EventEmitter();

api.on('GET /products', ({ res }) => json(res, 200, catalogue));

api.on('GET /products/:id', ({ res, param }) => {
	const product = byId[param];
	if (product === undefined) return oops(res, 404, `unknown product ${param}`);
	json(res, 200, product);
});

api.on('GET /orders/:id', ({ res, param }) => {
	const order = store.find(param);
	if (order === undefined) return oops(res, 404, `unknown order ${param}`);
	json(res, 200, order);
});

api.on('POST /orders', async ({ req, res }) => {
	const auth = req.headers.authorization;
	if (auth !== `Bearer ${token}`) {
		req.resume();
		return oops(res, 401, 'a valid bearer token is required', {
			'www-authenticate': 'Bearer realm="orders"',
		});
	}
	let body;
	try {
		body = JSON.parse(await text(req));
	} catch {
		return oops(res, 400, 'the body must be JSON');
	}
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return oops(res, 400, 'the body must be a JSON object');
	}
	const { productId, quantity } = body;
	if (typeof productId !== 'string') return oops(res, 400, 'productId must be a string');
	if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
		return oops(res, 400, 'quantity must be a whole number of at least 1');
	}
	const product = byId[productId];
	if (product === undefined) return oops(res, 400, `unknown product ${productId}`);
	const order = store.add({ productId, quantity, totalCents: product.priceCents * quantity });
	json(res, 201, order, { location: `/orders/${order.id}` });
});

api.on('error', (error) => console.error(error));

createServer((req, res) => {
	const path = req.url.split('?')[0];
	for (const [name, pattern, allowed] of shapes) {
		const match = pattern.exec(path);
		if (!match) continue;
		const event = `${req.method} ${name}`;
		if (api.listenerCount(event) === 0) {
			req.resume();
			return oops(res, 405, `${req.method} is not allowed on ${path}`, { allow: allowed });
		}
		Promise.resolve()
			.then(() => api.listeners(event)[0]({ req, res, param: match[1] }))
			.catch((error) => {
				console.error(error);
				if (!res.headersSent) oops(res, 500, 'internal error');
			});
		return;
	}
	req.resume();
	oops(res, 404, `nothing at ${path}`);
}).listen(Number(process.env.PORT ?? 3000), '127.0.0.1');
