// A caching reverse proxy: every request goes to ORIGIN, except GETs whose answer is still fresh in
// memory. Concurrent misses for one key share a single origin request.
import { createServer, request as originRequest } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const ORIGIN = new URL(process.env.ORIGIN ?? 'http://127.0.0.1:5001');
const parsedTtl = Number(process.env.CACHE_TTL_MS);
const TTL_MS = Number.isFinite(parsedTtl) && parsedTtl >= 0 ? parsedTtl : 1000;

// Headers that describe one connection, not the message: a proxy must not pass them along.
const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
]);
const WRITES = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** key → { status, headers, body, expiresAt } */
const stored = new Map();
/** key → Promise of the origin's answer, while a GET for that key is on its way. */
const pending = new Map();

function endToEnd(headers) {
	const kept = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!HOP_BY_HOP.has(name)) kept[name] = value;
	}
	return kept;
}

function readBody(stream) {
	return new Promise((resolve, reject) => {
		const chunks = [];
		stream.on('data', (chunk) => chunks.push(chunk));
		stream.on('end', () => resolve(Buffer.concat(chunks)));
		stream.on('error', reject);
	});
}

// Sends the client's request to the origin and resolves with the whole answer, body as bytes.
function forward(req, body) {
	const previous = req.headers['x-forwarded-for'];
	const client = req.socket.remoteAddress;
	const headers = {
		...endToEnd(req.headers),
		host: ORIGIN.host,
		'x-forwarded-for': previous ? `${previous}, ${client}` : client,
	};
	return new Promise((resolve, reject) => {
		const outgoing = originRequest(
			{ hostname: ORIGIN.hostname, port: ORIGIN.port, method: req.method, path: req.url, headers },
			(answer) => {
				readBody(answer)
					.then((body) => resolve({ status: answer.statusCode, headers: endToEnd(answer.headers), body }))
					.catch(reject);
			},
		);
		outgoing.on('error', reject);
		outgoing.end(body);
	});
}

// A cacheable answer is a 200 whose Cache-Control has neither no-store nor private. Directive
// names are case-insensitive, and a directive may carry a value (private="set-cookie").
function isStorable(answer) {
	if (answer.status !== 200) return false;
	const cacheControl = [answer.headers['cache-control'] ?? ''].flat().join(',');
	const directives = cacheControl.split(',').map((part) => part.split('=')[0].trim().toLowerCase());
	return !directives.includes('no-store') && !directives.includes('private');
}

function send(res, answer, cacheStatus) {
	const headers = { ...answer.headers };
	if (cacheStatus) headers['x-cache'] = cacheStatus;
	res.writeHead(answer.status, headers);
	res.end(answer.body);
}

// Fetches a GET from the origin once, however many clients ask for the same key meanwhile.
function fetchShared(key, req) {
	let shared = pending.get(key);
	if (!shared) {
		shared = forward(req, undefined)
			.then((answer) => {
				if (isStorable(answer)) stored.set(key, { ...answer, expiresAt: Date.now() + TTL_MS });
				return answer;
			})
			.finally(() => pending.delete(key));
		pending.set(key, shared);
	}
	return shared;
}

async function handle(req, res) {
	// The key is the request target exactly as sent: path and query string.
	const key = req.url;
	// An answer to a request with credentials may be meant for that user alone (RFC 9111, 3.5): it
	// goes to the origin on its own, is never stored, and nobody else waits for it.
	if (req.method === 'GET' && req.headers.authorization !== undefined) {
		return send(res, await forward(req, undefined), 'MISS');
	}
	if (req.method === 'GET') {
		const entry = stored.get(key);
		if (entry && entry.expiresAt > Date.now()) return send(res, entry, 'HIT');
		if (entry) stored.delete(key);
		return send(res, await fetchShared(key, req), 'MISS');
	}
	const answer = await forward(req, await readBody(req));
	// A successful write makes the stored copy stale; a failed one changed nothing.
	if (WRITES.has(req.method) && answer.status >= 200 && answer.status < 300) stored.delete(key);
	send(res, answer);
}

const server = createServer((req, res) => {
	handle(req, res).catch((error) => {
		// The origin could not be reached (or broke off): that is a bad gateway, not our crash.
		console.error(`${req.method} ${req.url}: ${error.message}`);
		if (res.headersSent) return res.destroy();
		res.writeHead(502, { 'content-type': 'text/plain' });
		res.end('Bad gateway: the origin did not answer\n');
	});
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Caching proxy for ${ORIGIN.origin} on http://127.0.0.1:${PORT} (TTL ${TTL_MS} ms)`);
});
