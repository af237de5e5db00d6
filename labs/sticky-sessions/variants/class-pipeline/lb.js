// A correct balancer in another style: a class that keeps a table of random tokens, parses cookies
// with one pass over the header, streams answers back with stream.pipeline, and keeps the
// affinity cookie in the Cookie header it passes on.
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import { pipeline } from 'node:stream';

const HOP = /^(connection|keep-alive|proxy-connection|te|trailer|transfer-encoding|upgrade)$/i;

class StickyBalancer {
	constructor(urls, cookieName) {
		this.cookieName = cookieName;
		this.backends = urls.map((url) => ({ url: new URL(url), token: randomBytes(12).toString('base64url') }));
		this.byToken = new Map(this.backends.map((backend) => [backend.token, backend]));
		this.turn = 0;
	}

	/** The affinity value in a Cookie header, found by exact name; a value may hold `=`. */
	affinity(header) {
		for (const pair of (header ?? '').split(';')) {
			const cut = pair.indexOf('=');
			if (cut > 0 && pair.slice(0, cut).trim() === this.cookieName) return pair.slice(cut + 1).trim();
		}
		return undefined;
	}

	/** The pinned backend first, if any, then the whole rotation from whoever's turn it is. */
	candidates(pinned) {
		const start = this.turn;
		this.turn = (this.turn + 1) % this.backends.length;
		const rotation = this.backends.map((_, step) => this.backends[(start + step) % this.backends.length]);
		return pinned ? [pinned, ...rotation.filter((backend) => backend !== pinned)] : rotation;
	}

	async handle(req, res) {
		const pinned = this.byToken.get(this.affinity(req.headers.cookie));
		const chunks = [];
		for await (const chunk of req) chunks.push(chunk);
		const body = Buffer.concat(chunks);
		const headers = {};
		for (let index = 0; index < req.rawHeaders.length; index += 2) {
			const name = req.rawHeaders[index];
			if (!HOP.test(name) && name.toLowerCase() !== 'x-forwarded-for') headers[name] = req.headers[name.toLowerCase()];
		}
		const before = req.headers['x-forwarded-for'];
		headers['X-Forwarded-For'] = before ? `${before}, ${req.socket.remoteAddress}` : req.socket.remoteAddress;
		for (const backend of this.candidates(pinned)) {
			try {
				const answer = await this.send(backend, req, headers, body);
				const out = {};
				for (const [name, value] of Object.entries(answer.headers)) if (!HOP.test(name)) out[name] = value;
				if (backend !== pinned) {
					out['set-cookie'] = [
						...(answer.headers['set-cookie'] ?? []),
						`${this.cookieName}=${backend.token}; Path=/; HttpOnly`,
					];
				}
				res.writeHead(answer.statusCode, out);
				pipeline(answer, res, () => {});
				return;
			} catch (error) {
				if (error.code !== 'ECONNREFUSED') break;
			}
		}
		res.writeHead(502, { 'content-type': 'text/plain' }).end('No backend answered\n');
	}

	send(backend, req, headers, body) {
		return new Promise((resolve, reject) => {
			const upstream = http.request(
				{ host: backend.url.hostname, port: backend.url.port, method: req.method, path: req.url, headers },
				resolve,
			);
			upstream.once('error', reject);
			upstream.end(body);
		});
	}
}

const balancer = new StickyBalancer(
	(process.env.BACKENDS ?? '').split(',').filter(Boolean),
	process.env.COOKIE_NAME || 'lb_affinity',
);
http
	.createServer((req, res) => balancer.handle(req, res).catch(() => res.destroy()))
	.listen(Number(process.env.PORT), '127.0.0.1');
