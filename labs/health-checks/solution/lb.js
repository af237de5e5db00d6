// A round-robin load balancer that notices failing backends: it asks each backend for its health at
// a fixed interval and leaves unhealthy ones out of the rotation until they pass again. A GET or
// HEAD that cannot reach its backend is quietly retried on the next one.
import http from 'node:http';
import { checkHealth } from './health.js';

function setting(name, fallback) {
	const value = Number(process.env[name]);
	return Number.isFinite(value) && value > 0 ? value : fallback;
}

const port = Number(process.env.PORT ?? 3000);
const healthIntervalMs = setting('HEALTH_INTERVAL_MS', 1000);
const healthTimeoutMs = setting('HEALTH_TIMEOUT_MS', 500);
const healthPath = process.env.HEALTH_PATH || '/health';

// Every backend starts healthy, so the balancer serves from its first request on.
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => ({ url: new URL(url), healthy: true }));

if (backends.length === 0) {
	console.error(
		'Set BACKENDS to a comma-separated list of base URLs, such as http://127.0.0.1:5001',
	);
	process.exit(1);
}

// Hop-by-hop headers describe one connection, not the message, so a proxy must not pass them on.
const HOP_BY_HOP = new Set([
	'connection',
	'keep-alive',
	'proxy-connection',
	'proxy-authenticate',
	'proxy-authorization',
	'te',
	'trailer',
	'transfer-encoding',
	'upgrade',
]);

// Sending these twice does no harm, so they may be retried on another backend. Any other method
// might already have changed something on the backend that failed.
const RETRYABLE = new Set(['GET', 'HEAD']);

// A fresh connection per request keeps every request independent of the ones before it: a backend
// that went away is noticed on this request, not on a reused socket that it closed a while ago.
const agent = new http.Agent({ keepAlive: false });

let nextIndex = 0;

/** Takes the turn of the next healthy backend, in BACKENDS order, that this request has not tried.
 * Unhealthy backends are stepped over, so the rotation cycles through the healthy ones. */
function takeTurn(tried) {
	for (let step = 0; step < backends.length; step++) {
		const index = (nextIndex + step) % backends.length;
		const backend = backends[index];
		if (backend.healthy && !tried.has(backend)) {
			nextIndex = (index + 1) % backends.length;
			return backend;
		}
	}
	return undefined;
}

function withoutHopByHop(headers) {
	const kept = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!HOP_BY_HOP.has(name)) kept[name] = value;
	}
	return kept;
}

function forwardedFor(existing, clientAddress) {
	return existing ? `${existing}, ${clientAddress}` : clientAddress;
}

function answer(res, status, message) {
	res.writeHead(status, { 'Content-Type': 'text/plain' });
	res.end(`${message}\n`);
}

/** Sends the request to the next healthy backend. `body` is the buffered body of a retryable
 * request, which can be sent again; other requests stream their body once, straight from `req`. */
function forward(req, res, body, tried) {
	const backend = takeTurn(tried);
	if (!backend) {
		if (tried.size === 0) answer(res, 503, 'Service Unavailable: no backend is healthy');
		else answer(res, 502, 'Bad Gateway: no healthy backend could be reached');
		return;
	}
	tried.add(backend);

	const headers = withoutHopByHop(req.headers);
	headers['x-forwarded-for'] = forwardedFor(
		req.headers['x-forwarded-for'],
		req.socket.remoteAddress,
	);
	const upstream = http.request({
		agent,
		hostname: backend.url.hostname,
		port: backend.url.port,
		method: req.method,
		// The request target is passed on as received, so the query string stays byte for byte.
		path: req.url,
		headers,
	});

	upstream.on('response', (reply) => {
		res.writeHead(reply.statusCode, withoutHopByHop(reply.headers));
		reply.pipe(res);
	});

	upstream.on('error', (error) => {
		if (res.destroyed) return;
		console.error(`${req.method} ${req.url} to ${backend.url.origin} failed: ${error.message}`);
		if (res.headersSent) {
			// The answer was already under way; cutting the connection tells the client it is incomplete.
			res.destroy();
		} else if (body !== undefined) {
			forward(req, res, body, tried);
		} else {
			answer(res, 502, 'Bad Gateway: the backend failed before answering');
		}
	});

	// If the client goes away first, there is no one left to answer, so stop the backend request too.
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
	});

	if (body !== undefined) upstream.end(body);
	else req.pipe(upstream);
}

const server = http.createServer((req, res) => {
	if (!RETRYABLE.has(req.method)) {
		forward(req, res, undefined, new Set());
		return;
	}
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => forward(req, res, Buffer.concat(chunks), new Set()));
});

function checkAll() {
	for (const backend of backends) {
		checkHealth(agent, backend.url, healthPath, healthTimeoutMs, (healthy) => {
			if (healthy !== backend.healthy) {
				console.log(`${backend.url.origin} is now ${healthy ? 'healthy' : 'unhealthy'}`);
			}
			backend.healthy = healthy;
		});
	}
}

setInterval(checkAll, healthIntervalMs);

server.listen(port, '127.0.0.1', () => {
	console.log(`Balancing port ${port} across ${backends.map((b) => b.url.origin).join(', ')}`);
	console.log(
		`Checking ${healthPath} every ${healthIntervalMs} ms (timeout ${healthTimeoutMs} ms)`,
	);
});
