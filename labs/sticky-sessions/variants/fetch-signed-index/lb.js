// A correct balancer in another style: fetch and async/await with buffered bodies, listening on
// every interface. The cookie holds the backend's index with an HMAC beside it, so a client cannot
// forge one, and the affinity cookie is passed on to the backend with the others.
import { createHmac, randomBytes } from 'node:crypto';
import { createServer } from 'node:http';

const backends = process.env.BACKENDS.split(',');
const name = process.env.COOKIE_NAME ?? 'lb_affinity';
const secret = randomBytes(16);
let turn = 0;

const HOP_BY_HOP = [
	'connection',
	'keep-alive',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade',
	'host',
];

function sign(index) {
	const mac = createHmac('sha256', secret).update(String(index)).digest('base64url').slice(0, 12);
	return `${index}.${mac}`;
}

function pinnedIndex(cookieHeader) {
	for (const pair of (cookieHeader ?? '').split(/;\s*/)) {
		// Only the first `=` ends the name: a value may hold `=` itself.
		const cut = pair.indexOf('=');
		const key = pair.slice(0, cut);
		const value = pair.slice(cut + 1);
		if (cut < 0 || key !== name || !value) continue;
		const index = Number(value.split('.')[0]);
		if (Number.isInteger(index) && index >= 0 && index < backends.length && sign(index) === value) {
			return index;
		}
	}
	return undefined;
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

async function tryBackend(index, req, headers, body) {
	return fetch(backends[index] + req.url, {
		method: req.method,
		headers,
		body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
		redirect: 'manual',
	});
}

createServer(async (req, res) => {
	const pinned = pinnedIndex(req.headers.cookie);
	const order = [];
	if (pinned !== undefined) order.push(pinned);
	const start = turn;
	turn = (turn + 1) % backends.length;
	for (let step = 0; step < backends.length; step++) {
		const index = (start + step) % backends.length;
		if (index !== pinned) order.push(index);
	}

	const headers = new Headers();
	for (const [key, value] of Object.entries(req.headers)) {
		if (!HOP_BY_HOP.includes(key) && key !== 'content-length') headers.set(key, String(value));
	}
	const before = req.headers['x-forwarded-for'];
	const client = req.socket.remoteAddress;
	headers.set('x-forwarded-for', before ? `${before}, ${client}` : client);
	const body = await readBody(req);

	for (const index of order) {
		let answer;
		try {
			answer = await tryBackend(index, req, headers, body);
		} catch {
			continue; // Nothing reached that backend, so the next one may have it.
		}
		const payload = Buffer.from(await answer.arrayBuffer());
		const out = {};
		answer.headers.forEach((value, key) => {
			if (!HOP_BY_HOP.includes(key) && key !== 'content-length' && key !== 'set-cookie') {
				out[key] = value;
			}
		});
		const cookies = answer.headers.getSetCookie();
		if (index !== pinned) cookies.push(`${name}=${sign(index)}; HttpOnly; Path=/`);
		if (cookies.length > 0) out['set-cookie'] = cookies;
		out['content-length'] = payload.length;
		res.writeHead(answer.status, out);
		res.end(payload);
		return;
	}
	res.writeHead(502, { 'content-type': 'text/plain' });
	res.end('No backend could be reached.\n');
}).listen(Number(process.env.PORT));
