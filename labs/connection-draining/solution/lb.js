// A round-robin load balancer that can drain a backend: take it out of the rotation, let the
// requests it is working on finish, and say when the last one has ended. An admin API under
// /admin/ drains, undrains and lists the backends.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => ({ url, target: new URL(url), draining: false, inFlight: 0 }));

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

const agent = new http.Agent({ keepAlive: false });

/** `drained` once a draining backend has nothing left in flight. */
function stateOf(backend) {
	if (!backend.draining) return 'active';
	return backend.inFlight > 0 ? 'draining' : 'drained';
}

function entryOf(backend) {
	return { url: backend.url, state: stateOf(backend), inFlight: backend.inFlight };
}

let nextIndex = 0;

/** The next active backend in BACKENDS order, starting from where the last turn ended. A backend
 * out of rotation is stepped over, so the one after it does not get a second turn. */
function takeTurn() {
	for (let step = 0; step < backends.length; step++) {
		const backend = backends[nextIndex];
		nextIndex = (nextIndex + 1) % backends.length;
		if (!backend.draining) return backend;
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

function sendJson(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
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

/** The backend a drain or undrain names, or an error already sent to the client. */
async function namedBackend(req, res) {
	let body;
	try {
		body = JSON.parse(await readBody(req));
	} catch {
		sendJson(res, 400, { error: 'the body must be JSON such as {"backend": "http://..."}' });
		return undefined;
	}
	if (typeof body !== 'object' || body === null || typeof body.backend !== 'string') {
		sendJson(res, 400, { error: 'the body must be an object with a string "backend"' });
		return undefined;
	}
	const backend = backends.find((one) => one.url === body.backend);
	if (!backend) sendJson(res, 404, { error: `no backend ${body.backend} in BACKENDS` });
	return backend;
}

const ADMIN = {
	'/admin/backends': {
		GET: (req, res) => sendJson(res, 200, backends.map(entryOf)),
	},
	'/admin/drain': {
		POST: async (req, res) => {
			const backend = await namedBackend(req, res);
			if (!backend) return;
			backend.draining = true;
			sendJson(res, 200, entryOf(backend));
		},
	},
	'/admin/undrain': {
		POST: async (req, res) => {
			const backend = await namedBackend(req, res);
			if (!backend) return;
			backend.draining = false;
			sendJson(res, 200, entryOf(backend));
		},
	},
};

function admin(req, res) {
	const path = new URL(req.url, 'http://balancer').pathname;
	const route = ADMIN[path];
	if (!route) return sendJson(res, 404, { error: `no admin path ${path}` });
	const handler = route[req.method];
	if (!handler) {
		res.writeHead(405, { Allow: Object.keys(route).join(', '), 'Content-Type': 'application/json' });
		return res.end(JSON.stringify({ error: `${req.method} is not allowed on ${path}` }));
	}
	return handler(req, res);
}

function proxy(req, res) {
	const backend = takeTurn();
	if (!backend) {
		res.writeHead(503, { 'Content-Type': 'text/plain' });
		return res.end('Service Unavailable: every backend is drained\n');
	}

	// The request is in flight from here until exactly one of the ways out below calls done().
	backend.inFlight++;
	let over = false;
	const done = () => {
		if (over) return;
		over = true;
		backend.inFlight--;
	};

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
		// A backend that breaks off halfway leaves the client with a cut answer, and the request ends.
		answer.on('error', () => res.destroy());
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

	// 'close' comes once for every response: after its last byte was sent, or when the connection
	// to the client went first. Either way the exchange is over.
	res.on('close', () => {
		if (!res.writableFinished) upstream.destroy();
		done();
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
