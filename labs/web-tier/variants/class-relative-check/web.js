// A correct web tier in another style: two classes, one for the files and one for the application
// server, stream/promises pipeline() for every body, a folder without its trailing slash served
// directly, and containment judged with path.relative() rather than a prefix test.
import { open } from 'node:fs/promises';
import http from 'node:http';
import { extname, isAbsolute, join, relative, resolve } from 'node:path';
import { pipeline } from 'node:stream/promises';

const HOP = /^(connection|keep-alive|proxy-authenticate|proxy-authorization|te|trailer|transfer-encoding|upgrade)$/i;

class StaticFiles {
	static TYPES = {
		'.html': 'text/html',
		'.css': 'text/css',
		'.js': 'application/javascript',
		'.json': 'application/json',
		'.txt': 'text/plain',
		'.svg': 'image/svg+xml',
		'.png': 'image/png',
		'.jpg': 'image/jpeg',
	};

	constructor(root) {
		this.root = resolve(root);
	}

	/** The file a raw path names inside the root, or undefined when the path is refused. */
	locate(rawPath) {
		let path;
		try {
			path = decodeURIComponent(rawPath);
		} catch {
			return undefined;
		}
		if (/[\0\\]/.test(path) || path.split('/').includes('..')) return undefined;
		const full = join(this.root, path);
		const inside = relative(this.root, full);
		if (inside.startsWith('..') || isAbsolute(inside)) return undefined;
		return full;
	}

	async serve(req, res) {
		const rawPath = req.url.split('?')[0];
		let file = this.locate(rawPath);
		if (file === undefined) return res.writeHead(403).end();
		let handle;
		try {
			handle = await open(file);
			if ((await handle.stat()).isDirectory()) {
				await handle.close();
				file = join(file, 'index.html');
				handle = await open(file);
			}
			if (!(await handle.stat()).isFile()) throw new Error('not a file');
		} catch {
			await handle?.close().catch(() => {});
			return res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
		}
		const type = StaticFiles.TYPES[extname(file)] ?? 'application/octet-stream';
		res.writeHead(200, { 'content-type': type });
		if (req.method === 'HEAD') {
			await handle.close();
			return res.end();
		}
		await pipeline(handle.createReadStream(), res);
	}
}

class AppProxy {
	constructor(base) {
		this.base = new URL(base);
	}

	async forward(req, res) {
		const headers = {};
		for (const [name, value] of Object.entries(req.headers)) if (!HOP.test(name)) headers[name] = value;
		const upstream = http.request({
			host: this.base.hostname,
			port: this.base.port,
			method: req.method,
			path: req.url,
			headers,
		});
		const answered = new Promise((resolve, reject) => {
			upstream.once('response', resolve);
			upstream.once('error', reject);
		});
		// Its error also fails the pipeline below; this keeps the second rejection from going unseen.
		answered.catch(() => {});
		try {
			await pipeline(req, upstream);
			const reply = await answered;
			const out = {};
			for (const [name, value] of Object.entries(reply.headers)) if (!HOP.test(name)) out[name] = value;
			res.writeHead(reply.statusCode, out);
			await pipeline(reply, res);
		} catch {
			if (res.headersSent) res.destroy();
			else res.writeHead(502, { 'content-type': 'text/plain' }).end('application server unreachable');
		}
	}
}

const files = new StaticFiles(process.env.PUBLIC_DIR);
const app = new AppProxy(process.env.APP_URL);

http
	.createServer((req, res) => {
		const done = req.url.startsWith('/api/')
			? app.forward(req, res)
			: req.method === 'GET' || req.method === 'HEAD'
				? files.serve(req, res)
				: Promise.resolve(res.writeHead(405, { allow: 'GET, HEAD' }).end());
		done.catch(() => res.destroy());
	})
	.listen(Number(process.env.PORT), '127.0.0.1');
