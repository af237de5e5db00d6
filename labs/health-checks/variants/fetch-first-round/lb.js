// A correct balancer in another style: fetch and async/await throughout, bodies buffered, every
// interface bound, a first round of health checks at start-up, a rotation kept as a counter over
// the healthy list, and a backend that fails a request taken out until its next passing check.
import { createServer } from 'node:http';

const env = process.env;
const interval = Number(env.HEALTH_INTERVAL_MS ?? 1000);
const timeout = Number(env.HEALTH_TIMEOUT_MS ?? 500);
const healthPath = env.HEALTH_PATH ?? '/health';
const pool = env.BACKENDS.split(',').map((base) => ({ base, up: true }));
const SKIP = new Set([
	'connection',
	'keep-alive',
	'transfer-encoding',
	'te',
	'trailer',
	'upgrade',
	'host',
	'content-length',
]);

let counter = 0;

async function probe(backend) {
	try {
		// A redirect is not a 2xx: it is judged as it is, not followed to whatever answers elsewhere.
		const answer = await fetch(backend.base + healthPath, {
			signal: AbortSignal.timeout(timeout),
			redirect: 'manual',
		});
		await answer.arrayBuffer();
		backend.up = answer.ok;
	} catch {
		backend.up = false;
	}
}

const probeAll = () => Promise.all(pool.map(probe));

function pick(tried) {
	const live = pool.filter((backend) => backend.up && !tried.has(backend));
	if (live.length === 0) return undefined;
	return live[counter++ % live.length];
}

async function relay(req, res) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	const body = Buffer.concat(chunks);
	const headers = {};
	for (const [name, value] of Object.entries(req.headers))
		if (!SKIP.has(name)) headers[name] = value;
	const previous = req.headers['x-forwarded-for'];
	headers['x-forwarded-for'] = previous
		? `${previous}, ${req.socket.remoteAddress}`
		: req.socket.remoteAddress;
	const idempotent = req.method === 'GET' || req.method === 'HEAD';

	const tried = new Set();
	for (;;) {
		const backend = pick(tried);
		if (!backend) {
			res.writeHead(503).end('no backend available');
			return;
		}
		tried.add(backend);
		let answer;
		try {
			answer = await fetch(backend.base + req.url, {
				method: req.method,
				headers,
				body: idempotent ? undefined : body,
				redirect: 'manual',
			});
		} catch (error) {
			backend.up = false;
			// A refused connection never delivered the request, so even a POST may go elsewhere.
			if (idempotent || error.cause?.code === 'ECONNREFUSED') continue;
			res.writeHead(502).end('backend failed');
			return;
		}
		const payload = Buffer.from(await answer.arrayBuffer());
		const out = {};
		answer.headers.forEach((value, name) => {
			if (!SKIP.has(name)) out[name] = value;
		});
		res.writeHead(answer.status, out).end(payload);
		return;
	}
}

await probeAll();
setInterval(probeAll, interval);
createServer((req, res) => {
	relay(req, res).catch(() => res.destroy());
}).listen(Number(env.PORT));
