// A draining balancer written with http.request and callbacks, its state in two Maps keyed by the
// backend's URL. A request is counted out from 'finish' (the whole answer went out) or 'close'
// (the connection went first), whichever comes first.
const http = await import('node:http');

const urls = process.env.BACKENDS.split(',');
const draining = new Map(urls.map((url) => [url, false]));
const inFlight = new Map(urls.map((url) => [url, 0]));
let turn = -1;

function state(url) {
	if (!draining.get(url)) return 'active';
	return inFlight.get(url) > 0 ? 'draining' : 'drained';
}

function entry(url) {
	return { url, state: state(url), inFlight: inFlight.get(url) };
}

function reply(res, status, value) {
	const text = JSON.stringify(value);
	res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(text) });
	res.end(text);
}

function nextUrl() {
	for (let i = 1; i <= urls.length; i++) {
		const index = (turn + i) % urls.length;
		if (!draining.get(urls[index])) {
			turn = index;
			return urls[index];
		}
	}
	return undefined;
}

function setDraining(req, res, value) {
	let raw = '';
	req.setEncoding('utf8');
	req.on('data', (text) => (raw += text));
	req.on('end', () => {
		let body;
		try {
			body = JSON.parse(raw);
		} catch (error) {
			return reply(res, 400, { error: `body is not JSON: ${error.message}` });
		}
		const url = body && body.backend;
		if (typeof url !== 'string') return reply(res, 400, { error: 'missing "backend"' });
		if (!draining.has(url)) return reply(res, 404, { error: `${url} is not one of BACKENDS` });
		draining.set(url, value);
		reply(res, 200, entry(url));
	});
}

function admin(req, res) {
	const path = req.url.split('?')[0];
	const allowed = { '/admin/backends': 'GET', '/admin/drain': 'POST', '/admin/undrain': 'POST' }[path];
	if (!allowed) return reply(res, 404, { error: `unknown admin path ${path}` });
	if (req.method !== allowed) return reply(res, 405, { error: `use ${allowed}` });
	if (path === '/admin/backends') return reply(res, 200, urls.map(entry));
	setDraining(req, res, path === '/admin/drain');
}

function proxy(req, res) {
	const url = nextUrl();
	if (url === undefined) {
		res.statusCode = 503;
		return res.end();
	}
	inFlight.set(url, inFlight.get(url) + 1);
	let counted = true;
	const countOut = () => {
		if (!counted) return;
		counted = false;
		inFlight.set(url, inFlight.get(url) - 1);
	};
	res.on('finish', countOut);

	const { hostname, port } = new URL(url);
	const headers = { ...req.headers };
	delete headers.connection;
	const out = http.request({ hostname, port, path: req.url, method: req.method, headers }, (answer) => {
		const back = { ...answer.headers };
		delete back.connection;
		delete back['transfer-encoding'];
		res.writeHead(answer.statusCode, back);
		answer.on('data', (chunk) => res.write(chunk));
		answer.on('end', () => res.end());
		answer.on('error', () => res.destroy());
	});
	out.on('error', () => {
		if (res.headersSent) return res.destroy();
		res.writeHead(502);
		res.end();
	});
	res.on('close', () => {
		if (!res.writableFinished) out.destroy();
		countOut();
	});
	req.on('data', (chunk) => out.write(chunk));
	req.on('end', () => out.end());
}

http
	.createServer((req, res) => (req.url.startsWith('/admin/') ? admin(req, res) : proxy(req, res)))
	.listen(process.env.PORT, '127.0.0.1');
