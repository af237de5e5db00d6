// A correct balancer in another style: fetch and async/await, whole bodies buffered in memory,
// listening on every interface, and a rotation that begins with the last backend.
import { createServer } from 'node:http';

const backends = process.env.BACKENDS.split(',');
let turn = backends.length - 1;

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

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

createServer(async (req, res) => {
	const backend = backends[turn];
	turn = (turn + 1) % backends.length;

	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (!HOP_BY_HOP.includes(name) && name !== 'content-length') headers.set(name, String(value));
	}
	const client = req.socket.remoteAddress;
	const before = req.headers['x-forwarded-for'];
	headers.set('x-forwarded-for', before ? `${before}, ${client}` : client);

	const body = await readBody(req);
	try {
		const answer = await fetch(backend + req.url, {
			method: req.method,
			headers,
			body: req.method === 'GET' || req.method === 'HEAD' ? undefined : body,
			// The balancer relays redirects; following them is the client's business.
			redirect: 'manual',
		});
		const payload = Buffer.from(await answer.arrayBuffer());
		const out = {};
		answer.headers.forEach((value, name) => {
			if (!HOP_BY_HOP.includes(name) && name !== 'content-length') out[name] = value;
		});
		out['content-length'] = payload.length;
		res.writeHead(answer.status, out);
		res.end(payload);
	} catch (error) {
		res.writeHead(502, { 'content-type': 'text/plain' });
		res.end(`Bad gateway: ${error.cause?.code ?? error.message}\n`);
	}
}).listen(Number(process.env.PORT));
