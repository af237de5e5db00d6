// A web server in front of an application server: files under PUBLIC_DIR are answered here, from
// disk, and everything under /api/ is passed on to APP_URL, whose answer is relayed untouched.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, request as appRequest } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';

const PORT = Number(process.env.PORT ?? 3000);
const PUBLIC_DIR = resolve(process.env.PUBLIC_DIR ?? 'public');
const APP_URL = new URL(process.env.APP_URL ?? 'http://127.0.0.1:4000');

const TYPES = {
	'.html': 'text/html; charset=utf-8',
	'.css': 'text/css; charset=utf-8',
	'.js': 'text/javascript; charset=utf-8',
	'.json': 'application/json',
	'.txt': 'text/plain; charset=utf-8',
	'.svg': 'image/svg+xml',
	'.png': 'image/png',
	'.jpg': 'image/jpeg',
	'.jpeg': 'image/jpeg',
};

// Headers that describe one connection rather than the message, so a proxy does not pass them on.
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

function endToEnd(headers) {
	return Object.fromEntries(Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name)));
}

function answer(res, status, text, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', ...headers });
	res.end(`${text}\n`);
}

// Dynamic requests go to the application server as they came, with the client's address added.
function forward(req, res) {
	const previous = req.headers['x-forwarded-for'];
	const client = req.socket.remoteAddress;
	const headers = {
		...endToEnd(req.headers),
		host: APP_URL.host,
		'x-forwarded-for': previous ? `${previous}, ${client}` : client,
	};
	const options = {
		hostname: APP_URL.hostname,
		port: APP_URL.port,
		method: req.method,
		path: req.url,
		headers,
	};
	const toApp = appRequest(options, (reply) => {
		res.writeHead(reply.statusCode, endToEnd(reply.headers));
		reply.pipe(res);
	});
	toApp.on('error', (error) => {
		console.error(`${req.method} ${req.url}: ${error.message}`);
		// Once the answer has started, the only honest thing left is to cut the connection.
		if (res.headersSent) res.destroy();
		else answer(res, 502, 'Bad gateway: the application server did not answer');
	});
	req.pipe(toApp);
}

// Turns the path of a request into a file path inside PUBLIC_DIR, or null when it must be refused.
// The path is decoded exactly once; after that, a "..", a backslash or a NUL byte has no business
// in a file name, and the final check catches anything that still resolves outside the folder.
function fileFor(rawPath) {
	let path;
	try {
		path = decodeURIComponent(rawPath);
	} catch {
		return null;
	}
	if (path.includes('\0') || path.includes('\\') || path.split('/').includes('..')) return null;
	const full = join(PUBLIC_DIR, path);
	if (full !== PUBLIC_DIR && !full.startsWith(PUBLIC_DIR + sep)) return null;
	return path.endsWith('/') ? join(full, 'index.html') : full;
}

async function serveFile(req, res) {
	const [rawPath, query] = req.url.split(/\?(.*)/s);
	const file = fileFor(rawPath);
	if (!file) return answer(res, 404, 'Not found');
	const info = await stat(file).catch(() => null);
	// A folder asked for without its trailing slash moves there, so its page's relative links work.
	if (info?.isDirectory() && !rawPath.endsWith('/')) {
		const location = `${rawPath}/${query === undefined ? '' : `?${query}`}`;
		return answer(res, 301, 'Moved', { Location: location });
	}
	if (!info?.isFile()) return answer(res, 404, 'Not found');
	res.writeHead(200, {
		'Content-Type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream',
		'Content-Length': info.size,
	});
	if (req.method === 'HEAD') return res.end();
	createReadStream(file)
		.on('error', () => res.destroy())
		.pipe(res);
}

const server = createServer((req, res) => {
	if (req.url.startsWith('/api/')) return forward(req, res);
	if (req.method !== 'GET' && req.method !== 'HEAD') {
		return answer(res, 405, 'Method not allowed', { Allow: 'GET, HEAD' });
	}
	serveFile(req, res).catch((error) => {
		console.error(`${req.method} ${req.url}: ${error.message}`);
		if (res.headersSent) res.destroy();
		else answer(res, 500, 'Internal server error');
	});
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Web server on http://127.0.0.1:${PORT}`);
	console.log(`Files from ${PUBLIC_DIR}, /api/ to ${APP_URL.origin}`);
});
