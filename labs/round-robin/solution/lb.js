// A round-robin load balancer: every request goes to the next backend in BACKENDS order, and the
// backend's answer goes back to the client unchanged.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => new URL(url));

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

// A fresh connection per request keeps every request independent of the ones before it: a backend
// that went away is noticed on this request, not on a reused socket that it closed a while ago.
const agent = new http.Agent({ keepAlive: false });

let nextIndex = 0;

/** Takes the next backend's turn. Each request advances the rotation exactly once, whatever then
 * happens to it, so a backend that fails still keeps its place in the cycle. */
function takeTurn() {
	const backend = backends[nextIndex];
	nextIndex = (nextIndex + 1) % backends.length;
	return backend;
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

const server = http.createServer((req, res) => {
	const backend = takeTurn();
	const headers = withoutHopByHop(req.headers);
	headers['x-forwarded-for'] = forwardedFor(
		req.headers['x-forwarded-for'],
		req.socket.remoteAddress,
	);

	const upstream = http.request({
		agent,
		protocol: backend.protocol,
		hostname: backend.hostname,
		port: backend.port,
		method: req.method,
		// The request target is passed on as received, so the query string stays byte for byte.
		path: req.url,
		headers,
	});

	upstream.on('response', (answer) => {
		res.writeHead(answer.statusCode, withoutHopByHop(answer.headers));
		answer.pipe(res);
	});

	upstream.on('error', (error) => {
		console.error(`${req.method} ${req.url} to ${backend.origin} failed: ${error.message}`);
		if (!res.headersSent) {
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('Bad Gateway: the backend could not be reached\n');
		} else {
			// The answer was already under way; cutting the connection tells the client it is incomplete.
			res.destroy();
		}
	});

	// If the client goes away first, there is no one left to answer, so stop the backend request too.
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
	});

	// Streaming the body keeps memory flat, whatever its size.
	req.pipe(upstream);
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Balancing port ${port} across ${backends.map((url) => url.origin).join(', ')}`);
});
