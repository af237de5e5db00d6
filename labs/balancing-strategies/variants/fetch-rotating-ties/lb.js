// A correct balancer in another style: fetch and async/await, whole bodies buffered in memory,
// listening on every interface. Ties in least connections rotate among the least busy, and IP
// hash uses FNV-1a, a small hash that needs no library.
import { createServer } from 'node:http';

const backends = process.env.BACKENDS.split(',');
const strategy = process.env.STRATEGY || 'least-connections';
const active = backends.map(() => 0);
let lastTie = -1;

// fetch manages its own connections, so these describe nothing it could use.
const HOP_BY_HOP = [
	'connection',
	'keep-alive',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade',
	'host',
];

function leastConnections() {
	const fewest = Math.min(...active);
	// Start looking just after the backend that won the last tie, so equals take turns.
	for (let step = 1; step <= backends.length; step++) {
		const index = (lastTie + step) % backends.length;
		if (active[index] === fewest) {
			lastTie = index;
			return index;
		}
	}
	return 0;
}

function fnv1a(text) {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash;
}

function ipHash(req) {
	// The entry our own front proxy added is the last one; earlier ones can be forged.
	const match = /([^,\s]+)\s*$/.exec(req.headers['x-forwarded-for'] ?? '');
	const client = match ? match[1] : req.socket.remoteAddress;
	return fnv1a(client) % backends.length;
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

createServer(async (req, res) => {
	const index = strategy === 'ip-hash' ? ipHash(req) : leastConnections();
	active[index] += 1;
	try {
		const headers = new Headers();
		for (const [name, value] of Object.entries(req.headers)) {
			if (!HOP_BY_HOP.includes(name) && name !== 'content-length') headers.set(name, String(value));
		}
		const client = req.socket.remoteAddress;
		const before = req.headers['x-forwarded-for'];
		headers.set('x-forwarded-for', before ? `${before}, ${client}` : client);
		const body = await readBody(req);
		let answer;
		try {
			answer = await fetch(backends[index] + req.url, {
				method: req.method,
				headers,
				body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
				redirect: 'manual',
			});
		} catch (error) {
			res.writeHead(502, { 'content-type': 'text/plain' });
			res.end(`Bad gateway: ${error.cause?.code ?? error.message}\n`);
			return;
		}
		const payload = Buffer.from(await answer.arrayBuffer());
		const out = {};
		answer.headers.forEach((value, name) => {
			if (!HOP_BY_HOP.includes(name) && name !== 'content-length') out[name] = value;
		});
		out['content-length'] = payload.length;
		res.writeHead(answer.status, out);
		res.end(payload);
	} finally {
		active[index] -= 1;
	}
}).listen(Number(process.env.PORT));
