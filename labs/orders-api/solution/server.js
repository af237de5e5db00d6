// Orders API: a product catalogue read from products.json and an in-memory order book, served as
// JSON over HTTP with the status codes a client can act on.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const PORT = Number(process.env.PORT ?? 3000);
const API_TOKEN = process.env.API_TOKEN ?? '';

// The catalogue is read once at start-up. Keeping the array preserves the file's order for the
// listing, and the Map makes each lookup by id cheap.
const products = JSON.parse(readFileSync('products.json', 'utf8'));
const productsById = new Map(products.map((product) => [product.id, product]));

// Orders live only as long as the process: enough to show the request-response cycle.
const orders = new Map();
let lastOrderNumber = 0;

function sendJson(res, status, value, headers = {}) {
	const body = JSON.stringify(value);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		'Content-Length': Buffer.byteLength(body),
		...headers,
	});
	res.end(body);
}

function sendError(res, status, message, headers = {}) {
	sendJson(res, status, { error: message }, headers);
}

// Each known path shape, the methods it accepts, and the handler that serves it. A path that
// matches a shape but not a method gets 405, so the client learns the path exists.
const routes = [
	{ pattern: /^\/products$/, methods: { GET: listProducts } },
	{ pattern: /^\/products\/([^/]+)$/, methods: { GET: getProduct } },
	{ pattern: /^\/orders$/, methods: { POST: createOrder } },
	{ pattern: /^\/orders\/([^/]+)$/, methods: { GET: getOrder } },
];

function listProducts(req, res) {
	sendJson(res, 200, products);
}

function getProduct(req, res, id) {
	const product = productsById.get(id);
	if (!product) return sendError(res, 404, `No product with id ${id}`);
	sendJson(res, 200, product);
}

function getOrder(req, res, id) {
	const order = orders.get(id);
	if (!order) return sendError(res, 404, `No order with id ${id}`);
	sendJson(res, 200, order);
}

async function createOrder(req, res) {
	// The token is checked before the body is even read: a client without the right credentials
	// learns nothing about what a valid order looks like.
	if (req.headers.authorization !== `Bearer ${API_TOKEN}`) {
		return sendError(res, 401, 'A valid bearer token is required', {
			'WWW-Authenticate': 'Bearer realm="orders"',
		});
	}
	const result = parseOrder(await readBody(req));
	if (result.error) return sendError(res, 400, result.error);

	const { product, quantity } = result;
	lastOrderNumber += 1;
	const order = {
		id: `o-${lastOrderNumber}`,
		productId: product.id,
		quantity,
		totalCents: product.priceCents * quantity,
	};
	orders.set(order.id, order);
	sendJson(res, 201, order, { Location: `/orders/${order.id}` });
}

// Returns either { product, quantity } or { error } with a message the client can act on.
function parseOrder(text) {
	let body;
	try {
		body = JSON.parse(text);
	} catch {
		return { error: 'The body must be valid JSON' };
	}
	// JSON.parse also accepts null, numbers and arrays, which have no fields to read.
	if (body === null || typeof body !== 'object' || Array.isArray(body)) {
		return { error: 'The body must be a JSON object' };
	}
	const { productId, quantity } = body;
	if (typeof productId !== 'string') return { error: 'productId must be a string' };
	// typeof rules out "2" and true; Number.isInteger rules out 1.5.
	if (typeof quantity !== 'number' || !Number.isInteger(quantity) || quantity < 1) {
		return { error: 'quantity must be a whole number of at least 1' };
	}
	const product = productsById.get(productId);
	if (!product) return { error: `No product with id ${productId}` };
	return { product, quantity };
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function handle(req, res) {
	// Routing looks at the path only: a query string never changes which handler runs.
	const path = req.url.split('?')[0];
	for (const route of routes) {
		const match = route.pattern.exec(path);
		if (!match) continue;
		const handler = route.methods[req.method];
		if (!handler) {
			const allow = Object.keys(route.methods).join(', ');
			return sendError(res, 405, `Use ${allow} on ${path}`, { Allow: allow });
		}
		return handler(req, res, match[1]);
	}
	sendError(res, 404, `Nothing at ${path}`);
}

const server = createServer((req, res) => {
	// One failing request must never take the server down for everyone else.
	handle(req, res).catch((error) => {
		console.error(error);
		if (!res.headersSent) sendError(res, 500, 'Internal server error');
		else res.destroy();
	});
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Orders API listening on http://127.0.0.1:${PORT}`);
});
