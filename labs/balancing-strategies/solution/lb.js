// A load balancer with two ways of choosing a backend, picked by STRATEGY: least connections sends
// each request to the backend with the fewest requests still in flight; IP hash sends each client
// address to the same backend every time.
import { createHash } from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const strategy = process.env.STRATEGY ?? 'least-connections';
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => ({ url: new URL(url), inFlight: 0 }));

if (backends.length === 0) {
	console.error(
		'Set BACKENDS to a comma-separated list of base URLs, such as http://127.0.0.1:5001',
	);
	process.exit(1);
}
if (strategy !== 'least-connections' && strategy !== 'ip-hash') {
	console.error(`STRATEGY must be least-connections or ip-hash, not ${strategy}`);
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

const agent = new http.Agent({ keepAlive: false });

/** The first backend, in BACKENDS order, among those with the fewest requests in flight. */
function leastBusy() {
	let best = backends[0];
	for (const backend of backends) {
		if (backend.inFlight < best.inFlight) best = backend;
	}
	return best;
}

/** The address a request came from. This balancer stands behind one proxy of its own, which
 * appends the address it saw to X-Forwarded-For, so the last entry is the only one that no client
 * could write; whatever comes before it arrived with the request and may be made up. */
function clientAddress(req) {
	const forwarded = req.headers['x-forwarded-for'];
	const last = forwarded?.split(',').at(-1)?.trim();
	return last || req.socket.remoteAddress;
}

/** The same address always gives the same number, so the same backend while the list is unchanged.
 * A SHA-256 digest spreads similar addresses (10.0.0.1, 10.0.0.2) as well as different ones. */
function byAddress(req) {
	const digest = createHash('sha256').update(clientAddress(req)).digest();
	return backends[digest.readUInt32BE(0) % backends.length];
}

function choose(req) {
	return strategy === 'ip-hash' ? byAddress(req) : leastBusy();
}

function withoutHopByHop(headers) {
	const kept = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!HOP_BY_HOP.has(name)) kept[name] = value;
	}
	return kept;
}

const server = http.createServer((req, res) => {
	const backend = choose(req);
	// The count goes up before anything is sent, so a request that arrives a moment later already
	// sees this one, and it comes down exactly once, however the exchange ends.
	backend.inFlight++;
	let done = false;
	const finish = () => {
		if (done) return;
		done = true;
		backend.inFlight--;
	};
	res.on('close', finish);

	const headers = withoutHopByHop(req.headers);
	const existing = req.headers['x-forwarded-for'];
	const client = req.socket.remoteAddress;
	headers['x-forwarded-for'] = existing ? `${existing}, ${client}` : client;

	const upstream = http.request({
		agent,
		protocol: backend.url.protocol,
		hostname: backend.url.hostname,
		port: backend.url.port,
		method: req.method,
		path: req.url,
		headers,
	});

	upstream.on('response', (answer) => {
		res.writeHead(answer.statusCode, withoutHopByHop(answer.headers));
		answer.pipe(res);
	});

	upstream.on('error', (error) => {
		console.error(`${req.method} ${req.url} to ${backend.url.origin} failed: ${error.message}`);
		if (!res.headersSent) {
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('Bad Gateway: the backend could not be reached\n');
		} else {
			res.destroy();
		}
	});

	// A client that gives up leaves no one to answer, so the backend request stops too.
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
	});

	req.pipe(upstream);
});

server.listen(port, '127.0.0.1', () => {
	const list = backends.map((backend) => backend.url.origin).join(', ');
	console.log(`Balancing port ${port} across ${list} by ${strategy}`);
});
