// A load balancer with sticky sessions: a new client is placed by round-robin and given a cookie
// that names its backend; later requests that bring the cookie go back to that backend. When that
// backend is down, the client is moved to another one and given a new cookie.
import { createHash } from 'node:crypto';
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const cookieName = process.env.COOKIE_NAME || 'lb_affinity';
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => {
		// The cookie value is a digest of the URL: it names the backend without revealing its
		// address, and a value the balancer never issued matches no backend at all.
		const token = createHash('sha256').update(url).digest('hex').slice(0, 16);
		return { url: new URL(url), token };
	});

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

/** Backends in the order to try them for a client without a valid cookie: whoever's turn it is,
 * then the rest of the rotation, in case that one is down. */
function placement() {
	const start = nextIndex;
	nextIndex = (nextIndex + 1) % backends.length;
	return backends.map((_, step) => backends[(start + step) % backends.length]);
}

/** Splits the Cookie header into our affinity value and everything else, in the client's order. */
function readCookies(header = '') {
	let affinity;
	const others = [];
	for (const pair of header.split(';')) {
		const trimmed = pair.trim();
		if (trimmed === '') continue;
		if (trimmed.startsWith(`${cookieName}=`)) affinity = trimmed.slice(cookieName.length + 1);
		else others.push(trimmed);
	}
	return { affinity, others };
}

function withoutHopByHop(headers) {
	const kept = {};
	for (const [name, value] of Object.entries(headers)) {
		if (!HOP_BY_HOP.has(name)) kept[name] = value;
	}
	return kept;
}

function affinityCookie(backend) {
	return `${cookieName}=${backend.token}; Path=/; HttpOnly; SameSite=Lax`;
}

/** Sends the request to the first candidate that accepts the connection. A refused connection
 * means nothing was sent, so moving on to the next candidate is always safe. */
function forward(req, res, body, headers, candidates, pinned) {
	const [backend, ...rest] = candidates;
	const upstream = http.request({
		agent,
		hostname: backend.url.hostname,
		port: backend.url.port,
		method: req.method,
		path: req.url,
		headers,
	});
	upstream.on('response', (answer) => {
		const relayed = withoutHopByHop(answer.headers);
		// The backend's own cookies stay separate headers; ours is added beside them whenever the
		// client is placed or moved, so it knows where to come back to.
		if (backend !== pinned) {
			relayed['set-cookie'] = [...(answer.headers['set-cookie'] ?? []), affinityCookie(backend)];
		}
		res.writeHead(answer.statusCode, relayed);
		answer.pipe(res);
	});
	upstream.on('error', (error) => {
		if (error.code === 'ECONNREFUSED' && rest.length > 0 && !res.headersSent) {
			console.error(`${backend.url.origin} refused ${req.method} ${req.url}; trying the next one`);
			forward(req, res, body, headers, rest, pinned);
		} else if (!res.headersSent) {
			res.writeHead(502, { 'Content-Type': 'text/plain' });
			res.end('Bad Gateway: the backend could not be reached\n');
		} else {
			res.destroy();
		}
	});
	upstream.end(body);
}

const server = http.createServer((req, res) => {
	const { affinity, others } = readCookies(req.headers.cookie);
	// A value we never issued (tampered with, or from an old backend list) counts as no cookie.
	const pinned = backends.find((backend) => backend.token === affinity);
	const candidates = pinned
		? [pinned, ...placement().filter((backend) => backend !== pinned)]
		: placement();

	const headers = withoutHopByHop(req.headers);
	// The affinity cookie is the balancer's business; the backend gets only the client's own.
	if (others.length > 0) headers.cookie = others.join('; ');
	else delete headers.cookie;
	const existing = req.headers['x-forwarded-for'];
	const client = req.socket.remoteAddress;
	headers['x-forwarded-for'] = existing ? `${existing}, ${client}` : client;

	// The body is kept whole so that it can be sent again if the first backend is down.
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', () => forward(req, res, Buffer.concat(chunks), headers, candidates, pinned));
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Balancing port ${port} with sticky sessions (cookie ${cookieName})`);
});
