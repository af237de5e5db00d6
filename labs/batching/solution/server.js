// A batch endpoint: POST /batch takes a list of GET sub-requests, runs them against API_URL at the
// same time (never more than MAX_IN_FLIGHT at once), and answers with every result in one response.
import { createServer, request as apiRequest } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const API_URL = new URL(process.env.API_URL ?? 'http://127.0.0.1:4000');
const MAX_BATCH = 50;
const MAX_IN_FLIGHT = 10;

function sendJson(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

function readBody(req) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		req.on('data', (chunk) => chunks.push(chunk));
		req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
		req.on('error', reject);
	});
}

// Returns the list of sub-requests, or a string that says what is wrong with the batch.
function parseBatch(text) {
	let batch;
	try {
		batch = JSON.parse(text);
	} catch {
		return 'the body is not valid JSON';
	}
	if (typeof batch !== 'object' || batch === null || Array.isArray(batch)) {
		return 'the body must be a JSON object';
	}
	if (!Array.isArray(batch.requests)) return '"requests" must be an array';
	for (const [index, sub] of batch.requests.entries()) {
		const where = `requests[${index}]`;
		if (typeof sub !== 'object' || sub === null || Array.isArray(sub)) {
			return `${where} must be an object`;
		}
		if (typeof sub.path !== 'string' || !sub.path.startsWith('/')) {
			return `${where}.path must be a string starting with /`;
		}
		if (sub.method !== undefined && typeof sub.method !== 'string') {
			return `${where}.method must be a string`;
		}
	}
	return batch.requests;
}

// One GET to the API. It never rejects: a failed connection becomes the sub-request's own 502.
function fetchOne(path) {
	return new Promise((resolve) => {
		const outgoing = apiRequest(
			{ hostname: API_URL.hostname, port: API_URL.port, path, method: 'GET' },
			(answer) => {
				readBody(answer)
					.then((text) => {
						let body;
						try {
							body = JSON.parse(text);
						} catch {
							body = text;
						}
						resolve({ status: answer.statusCode, body });
					})
					.catch(() => resolve({ status: 502, body: { error: 'The API broke off its answer' } }));
			},
		);
		outgoing.on('error', () => {
			resolve({ status: 502, body: { error: 'The API could not be reached' } });
		});
		outgoing.end();
	});
}

function runOne(sub) {
	const method = sub.method ?? 'GET';
	if (method !== 'GET') {
		const error = `Only GET sub-requests are allowed, not ${method}`;
		return Promise.resolve({ status: 405, body: { error } });
	}
	return fetchOne(sub.path);
}

// Runs every sub-request with at most `limit` in flight. Each worker takes the next index when it
// is free, and results land at their own index, so the order of the list is kept.
async function runAll(subs, limit) {
	const results = new Array(subs.length);
	let next = 0;
	async function worker() {
		while (next < subs.length) {
			const index = next++;
			results[index] = await runOne(subs[index]);
		}
	}
	await Promise.all(Array.from({ length: Math.min(limit, subs.length) }, worker));
	return results;
}

async function handleBatch(req, res) {
	const subs = parseBatch(await readBody(req));
	if (typeof subs === 'string') return sendJson(res, 400, { error: `Invalid batch: ${subs}` });
	if (subs.length > MAX_BATCH) {
		const error = `A batch holds at most ${MAX_BATCH} requests, not ${subs.length}`;
		return sendJson(res, 413, { error });
	}
	sendJson(res, 200, { responses: await runAll(subs, MAX_IN_FLIGHT) });
}

const server = createServer((req, res) => {
	const { pathname } = new URL(req.url, 'http://localhost');
	if (pathname !== '/batch') return sendJson(res, 404, { error: `No route for ${pathname}` });
	if (req.method !== 'POST') return sendJson(res, 405, { error: 'Use POST' }, { Allow: 'POST' });
	handleBatch(req, res).catch((error) => {
		console.error(error);
		if (!res.headersSent) sendJson(res, 500, { error: 'Internal error' });
	});
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Batch endpoint on http://127.0.0.1:${PORT}/batch, in front of ${API_URL.origin}`);
});
