// A correct web tier built on fetch and async/await. It listens on all interfaces, reads whole
// files into memory, serves a folder asked for without its trailing slash directly (no redirect),
// and refuses unsafe paths with 403 after checking where the path lands relative to PUBLIC_DIR.
import { readFile, stat } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';

const publicDir = path.resolve(process.env.PUBLIC_DIR);
const appUrl = process.env.APP_URL;
const mimeTypes = new Map([
	['html', 'text/html'],
	['css', 'text/css'],
	['js', 'text/javascript'],
	['json', 'application/json; charset=utf-8'],
	['txt', 'text/plain'],
	['svg', 'image/svg+xml'],
	['png', 'image/png'],
	['jpg', 'image/jpeg'],
]);
const hopByHop = ['connection', 'keep-alive', 'transfer-encoding', 'upgrade', 'te', 'trailer'];

async function bodyOf(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

async function proxy(req, res) {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (hopByHop.includes(name) || name === 'host' || name === 'content-length') continue;
		headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	const body = await bodyOf(req);
	let response;
	try {
		response = await fetch(appUrl + req.url, {
			method: req.method,
			headers,
			body: body.length > 0 ? body : undefined,
			redirect: 'manual',
		});
	} catch {
		res.writeHead(502, { 'content-type': 'text/plain' }).end('application server unreachable');
		return;
	}
	const answerHeaders = {};
	response.headers.forEach((value, name) => {
		if (!hopByHop.includes(name)) answerHeaders[name] = value;
	});
	const answer = Buffer.from(await response.arrayBuffer());
	res.writeHead(response.status, answerHeaders).end(answer);
}

function resolveInside(urlPath) {
	let decoded;
	try {
		decoded = decodeURIComponent(urlPath);
	} catch {
		return undefined;
	}
	if (decoded.includes('\0') || decoded.includes('\\')) return undefined;
	const target = path.resolve(publicDir, `.${decoded}`);
	const rel = path.relative(publicDir, target);
	if (rel.startsWith('..') || path.isAbsolute(rel)) return undefined;
	return target;
}

async function fileAt(target) {
	const info = await stat(target).catch(() => undefined);
	if (info?.isFile()) return target;
	if (info?.isDirectory()) {
		const index = path.join(target, 'index.html');
		if ((await stat(index).catch(() => undefined))?.isFile()) return index;
	}
	return undefined;
}

async function serveStatic(req, res) {
	if (!['GET', 'HEAD'].includes(req.method)) {
		res.writeHead(405, { allow: 'GET, HEAD', 'content-type': 'text/plain' }).end('GET or HEAD only');
		return;
	}
	const urlPath = req.url.split('?')[0];
	const target = resolveInside(urlPath);
	if (!target) {
		res.writeHead(403, { 'content-type': 'text/plain' }).end('forbidden');
		return;
	}
	const file = await fileAt(target);
	if (!file || (urlPath.endsWith('/') && path.basename(file) !== 'index.html')) {
		res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		return;
	}
	const data = await readFile(file);
	const type = mimeTypes.get(path.extname(file).slice(1)) || 'application/octet-stream';
	res.writeHead(200, { 'content-type': type, 'content-length': data.length });
	res.end(req.method === 'HEAD' ? undefined : data);
}

http
	.createServer(async (req, res) => {
		try {
			if (req.url.startsWith('/api/')) await proxy(req, res);
			else await serveStatic(req, res);
		} catch (error) {
			console.error(error);
			if (!res.headersSent) res.writeHead(500).end();
			else res.destroy();
		}
	})
	.listen(Number(process.env.PORT), () => console.log(`listening on ${process.env.PORT}`));
