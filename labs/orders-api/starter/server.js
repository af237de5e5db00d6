// Orders API starter. The server already listens on PORT and answers every request with a JSON
// 404; your job is to give each route of the lab's README the status code and body it needs.
import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';

const PORT = Number(process.env.PORT ?? 3000);
const API_TOKEN = process.env.API_TOKEN ?? '';

// The grader writes its own products.json next to this file before starting it, so never copy the
// sample catalogue into the code.
const products = JSON.parse(readFileSync('products.json', 'utf8'));

// TODO: keep the orders you create somewhere they can be found again by id.

function sendJson(res, status, value, headers = {}) {
	const body = JSON.stringify(value);
	res.writeHead(status, {
		'Content-Type': 'application/json',
		// Bytes, not characters: a product name with an accent takes more than one byte.
		'Content-Length': Buffer.byteLength(body),
		...headers,
	});
	res.end(body);
}

// Collects the whole request body as text. Use it as `const text = await readBody(req)`.
function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

async function handle(req, res) {
	// TODO: a query string such as ?page=2 must not change which route answers.
	const path = req.url;

	// TODO: GET /products answers 200 with the whole catalogue, in file order.
	// TODO: GET /products/{id} answers the product, or 404 with {"error": "..."}.
	// TODO: POST /orders checks the Authorization header before anything else (401 and a
	//       WWW-Authenticate header when it is not exactly `Bearer ${API_TOKEN}`), then validates
	//       the body (400), then answers 201 with the order and a Location header.
	// TODO: GET /orders/{id} answers the order as it was created; no token is needed.
	// TODO: a known path with the wrong method answers 405 with an Allow header.

	sendJson(res, 404, { error: `Nothing at ${path}` });
}

const server = createServer((req, res) => {
	// TODO: think about what happens to the other clients when one request throws an error.
	handle(req, res);
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Orders API listening on http://127.0.0.1:${PORT} with ${products.length} products`);
});
