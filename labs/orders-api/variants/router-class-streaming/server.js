// A correct orders API built on a tiny router class with async handlers. The product list is
// streamed in pieces without a Content-Length, JSON is pretty-printed, ids are base-36 counters,
// and the token is compared in constant time.
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';

class Router {
	#routes = [];

	on(method, pattern, handler) {
		this.#routes.push({ method, pattern, handler });
		return this;
	}

	// Returns the handler and its parameters, or the methods the path accepts when none matches.
	find(method, pathname) {
		const allowed = new Set();
		for (const route of this.#routes) {
			const match = route.pattern.exec(pathname);
			if (!match) continue;
			if (route.method === method) return { handler: route.handler, params: match.slice(1) };
			allowed.add(route.method);
		}
		return { allowed: [...allowed] };
	}
}

const token = Buffer.from(`Bearer ${process.env.API_TOKEN}`);
const products = JSON.parse(await readFile('./products.json', 'utf8'));
const orders = new Map();
let counter = 1000;

function send(res, status, value, headers = {}) {
	res.writeHead(status, { ...headers, 'Content-Type': 'application/json' });
	res.end(JSON.stringify(value, null, 2));
}

function authorised(req) {
	const given = Buffer.from(req.headers.authorization ?? '');
	return given.length === token.length && timingSafeEqual(given, token);
}

async function bodyOf(req) {
	const parts = [];
	for await (const part of req) parts.push(part);
	return Buffer.concat(parts).toString();
}

const router = new Router()
	.on('GET', /^\/products$/, async (req, res) => {
		res.writeHead(200, { 'Content-Type': 'application/json' });
		res.write('[');
		products.forEach((product, i) => res.write((i ? ',' : '') + JSON.stringify(product)));
		res.end(']');
	})
	.on('GET', /^\/products\/([^/]+)$/, async (req, res, id) => {
		const product = products.find((p) => p.id === id);
		if (product) send(res, 200, product);
		else send(res, 404, { error: `Product ${id} does not exist` });
	})
	.on('POST', /^\/orders$/, async (req, res) => {
		if (!authorised(req)) {
			return send(
				res,
				401,
				{ error: 'Unauthorised' },
				{ 'WWW-Authenticate': 'Bearer error="invalid_token"' },
			);
		}
		let input;
		try {
			input = JSON.parse(await bodyOf(req));
		} catch {
			return send(res, 400, { error: 'Body is not JSON' });
		}
		const productId = input?.productId;
		const quantity = input?.quantity;
		if (productId === undefined || quantity === undefined)
			return send(res, 400, { error: 'Missing field' });
		if (typeof quantity !== 'number' || quantity % 1 !== 0 || quantity < 1) {
			return send(res, 400, { error: 'Bad quantity' });
		}
		const product = products.find((p) => p.id === productId);
		if (!product) return send(res, 400, { error: 'Unknown product' });
		const order = {
			id: (counter++).toString(36),
			productId,
			quantity,
			totalCents: product.priceCents * quantity,
		};
		orders.set(order.id, order);
		send(res, 201, order, { Location: `/orders/${order.id}` });
	})
	.on('GET', /^\/orders\/([^/]+)$/, async (req, res, id) => {
		if (orders.has(id)) send(res, 200, orders.get(id));
		else send(res, 404, { error: `Order ${id} does not exist` });
	});

createServer(async (req, res) => {
	const { pathname } = new URL(req.url, 'http://orders.invalid');
	const found = router.find(req.method, pathname);
	try {
		if (found.handler) return await found.handler(req, res, ...found.params);
		if (found.allowed.length > 0) {
			return send(res, 405, { error: 'Method not allowed' }, { Allow: found.allowed.join(',') });
		}
		send(res, 404, { error: 'Not found' });
	} catch (error) {
		console.error(error);
		if (!res.headersSent) send(res, 500, { error: 'Internal error' });
	}
}).listen(Number(process.env.PORT), '127.0.0.1');
