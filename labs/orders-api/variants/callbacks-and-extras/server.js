// A correct orders API in callback style: the catalogue is loaded with fs.readFile before the
// server listens, bodies are read with events, and the answers carry more than the contract asks
// (a charset, extra fields, extra headers, HEAD and OPTIONS in Allow). It binds all interfaces.
import http from 'node:http';
import fs from 'node:fs';
import crypto from 'node:crypto';

const port = Number(process.env.PORT || 3000);
const expectedAuthorization = 'Bearer ' + process.env.API_TOKEN;
let catalogue = [];
const orderBook = {};

function reply(res, status, payload, extraHeaders) {
	const text = JSON.stringify(payload);
	const headers = Object.assign(
		{ 'content-type': 'application/json; charset=utf-8', 'x-request-id': crypto.randomUUID() },
		extraHeaders || {},
	);
	res.writeHead(status, headers);
	res.end(text);
}

function fail(res, status, message, extraHeaders) {
	reply(res, status, { status, error: message }, extraHeaders);
}

function findProduct(id) {
	return catalogue.find((product) => product.id === id);
}

function collect(req, callback) {
	let text = '';
	req.setEncoding('utf8');
	req.on('data', (piece) => {
		text += piece;
	});
	req.on('end', () => callback(text));
}

function orderFrom(text) {
	let parsed;
	try {
		parsed = JSON.parse(text);
	} catch (error) {
		return 'malformed JSON: ' + error.message;
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return 'expected an object';
	if (!('productId' in parsed) || !('quantity' in parsed))
		return 'productId and quantity are required';
	if (!Number.isSafeInteger(parsed.quantity) || parsed.quantity <= 0)
		return 'quantity must be a positive integer';
	const product = typeof parsed.productId === 'string' ? findProduct(parsed.productId) : undefined;
	if (!product) return 'unknown product';
	return { product, quantity: parsed.quantity };
}

function onRequest(req, res) {
	const url = new URL(req.url, 'http://' + (req.headers.host || 'localhost'));
	const parts = url.pathname.split('/').slice(1);
	const method = req.method;

	if (parts[0] === 'products' && parts.length <= 2 && parts[1] !== '') {
		if (method !== 'GET' && method !== 'HEAD')
			return fail(res, 405, 'method not allowed', { allow: 'GET, HEAD, OPTIONS' });
		if (parts.length === 1) return reply(res, 200, catalogue);
		const product = findProduct(parts[1]);
		return product ? reply(res, 200, product) : fail(res, 404, 'no such product');
	}

	if (parts[0] === 'orders' && parts.length === 1) {
		if (method !== 'POST') return fail(res, 405, 'method not allowed', { allow: 'POST, OPTIONS' });
		if (req.headers.authorization !== expectedAuthorization) {
			req.resume();
			return fail(res, 401, 'missing or wrong token', { 'www-authenticate': 'Bearer' });
		}
		return collect(req, (text) => {
			const result = orderFrom(text);
			if (typeof result === 'string') return fail(res, 400, result);
			const id = crypto.randomUUID();
			// Key order differs from the contract's table, and createdAt is an extra field.
			const order = {
				totalCents: result.quantity * result.product.priceCents,
				quantity: result.quantity,
				productId: result.product.id,
				id,
				createdAt: new Date().toISOString(),
			};
			orderBook[id] = order;
			reply(res, 201, order, { location: '/orders/' + id });
		});
	}

	if (parts[0] === 'orders' && parts.length === 2 && parts[1] !== '') {
		if (method !== 'GET') return fail(res, 405, 'method not allowed', { allow: 'GET, HEAD' });
		const order = Object.hasOwn(orderBook, parts[1]) ? orderBook[parts[1]] : undefined;
		return order ? reply(res, 200, order) : fail(res, 404, 'no such order');
	}

	fail(res, 404, 'no route for ' + url.pathname);
}

fs.readFile('products.json', 'utf8', (error, text) => {
	if (error) throw error;
	catalogue = JSON.parse(text);
	http
		.createServer(onRequest)
		.listen(port, () => console.log('listening on all interfaces, port ' + port));
});
