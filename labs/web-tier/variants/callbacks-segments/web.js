// A correct web tier in callback style. It decodes the path one segment at a time and refuses any
// segment that is empty, a dot segment, or holds a slash, backslash or NUL once decoded, so an
// encoded slash can never join two segments; folders without a trailing slash get a 302.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';

const root = process.env.PUBLIC_DIR;
const app = new URL(process.env.APP_URL);

function typeOf(file) {
	switch (path.extname(file)) {
		case '.html':
			return 'text/html; charset=UTF-8';
		case '.css':
			return 'text/css';
		case '.js':
			// The older name for JavaScript, which browsers still honour and the contract accepts.
			return 'application/javascript';
		case '.json':
			return 'application/json';
		case '.txt':
			return 'text/plain; charset=UTF-8';
		case '.svg':
			return 'image/svg+xml';
		case '.png':
			return 'image/png';
		case '.jpg':
			return 'image/jpeg';
		default:
			return 'application/octet-stream';
	}
}

function send(res, status, headers, text) {
	res.writeHead(status, headers);
	res.end(text);
}

function segmentsOf(urlPath) {
	const raw = urlPath.split('/').slice(1);
	const folder = raw.at(-1) === '';
	if (folder) raw.pop();
	const segments = [];
	for (const piece of raw) {
		let segment;
		try {
			segment = decodeURIComponent(piece);
		} catch (e) {
			return null;
		}
		if (segment === '' || segment === '.' || segment === '..' || /[/\\\0]/.test(segment)) return null;
		segments.push(segment);
	}
	return { segments, folder };
}

function serveFile(req, res, file) {
	fs.stat(file, (error, info) => {
		if (error || !info.isFile()) return send(res, 404, { 'Content-Type': 'text/plain' }, 'Not found');
		res.writeHead(200, { 'Content-Type': typeOf(file), 'Content-Length': info.size });
		if (req.method === 'HEAD') return res.end();
		fs.createReadStream(file).pipe(res);
	});
}

function serveStatic(req, res) {
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		return send(res, 405, { Allow: 'HEAD, GET', 'Content-Type': 'text/plain' }, 'Method not allowed');
	}
	const urlPath = req.url.split('?')[0];
	const parsed = segmentsOf(urlPath);
	if (!parsed) return send(res, 400, { 'Content-Type': 'text/plain' }, 'Bad path');
	const target = path.join(root, ...parsed.segments);
	if (parsed.folder) return serveFile(req, res, path.join(target, 'index.html'));
	fs.stat(target, (error, info) => {
		if (!error && info.isDirectory()) return send(res, 302, { Location: `${urlPath}/` }, '');
		serveFile(req, res, target);
	});
}

function proxy(req, res) {
	const headers = { ...req.headers, host: app.host };
	delete headers.connection;
	const outgoing = http.request(
		{ host: app.hostname, port: app.port, method: req.method, path: req.url, headers },
		(incoming) => {
			res.writeHead(incoming.statusCode, incoming.headers);
			incoming.pipe(res);
		},
	);
	outgoing.on('error', () => {
		if (res.headersSent) return res.destroy();
		send(res, 502, { 'Content-Type': 'text/plain' }, 'Bad gateway');
	});
	req.pipe(outgoing);
}

http
	.createServer((req, res) => {
		if (req.url.startsWith('/api/')) proxy(req, res);
		else serveStatic(req, res);
	})
	.listen(process.env.PORT, '127.0.0.1');
