// A round-robin load balancer, as in the round-robin lab. Your job: let an operator drain a
// backend over HTTP. Read this lab's README for the exact contract; in short:
//
//   GET  /admin/backends   every backend's {url, state, inFlight}, in BACKENDS order
//   POST /admin/drain      {"backend": url}: out of the rotation; its requests in flight finish
//   POST /admin/undrain    {"backend": url}: back in the rotation
//
// A drained backend is "draining" while requests are in flight to it and "drained" once the last
// one has ended, however it ended. With no backend in the rotation, answer 503.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => ({ url, target: new URL(url) }));

if (backends.length === 0) {
	console.error(
		'Set BACKENDS to a comma-separated list of base URLs, such as http://127.0.0.1:5001',
	);
	process.exit(1);
}

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

const agent = new http.Agent({ keepAlive: false });

let nextIndex = 0;

// TODO: skip backends that are out of the rotation, without giving their turn to a neighbour.
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

function sendJson(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

// TODO: the admin API. Nothing under /admin/ may reach a backend.
function admin(req, res) {
	sendJson(res, 404, { error: 'the admin API is not written yet' });
}

function proxy(req, res) {
	const backend = takeTurn();
	// TODO: count this request as in flight to its backend until its exchange is over.

	const upstream = http.request({
		agent,
		hostname: backend.target.hostname,
		port: backend.target.port,
		method: req.method,
		path: req.url,
		headers: withoutHopByHop(req.headers),
	});

	upstream.on('response', (answer) => {
		res.writeHead(answer.statusCode, withoutHopByHop(answer.headers));
		answer.pipe(res);
	});

	upstream.on('error', (error) => {
		console.error(`${req.method} ${req.url} to ${backend.url} failed: ${error.message}`);
		if (!res.headersSent) {
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('Bad Gateway: the backend could not be reached\n');
		} else {
			res.destroy();
		}
	});

	req.pipe(upstream);
}

const server = http.createServer((req, res) => {
	if (req.url.startsWith('/admin/')) return admin(req, res);
	proxy(req, res);
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Balancing port ${port} across ${backends.map((one) => one.url).join(', ')}`);
});
