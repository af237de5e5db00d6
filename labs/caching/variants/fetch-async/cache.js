// A correct caching proxy built on fetch and async/await. It listens on all interfaces (so client
// addresses look like ::ffff:127.0.0.1), adds Age and Via headers, writes x-cache in lower case,
// and is stricter than the lab asks about Cache-Control: no-cache and max-age=0 are not stored
// either, which the lab leaves open.
import http from 'node:http';

const origin = process.env.ORIGIN;
const ttl = process.env.CACHE_TTL_MS === undefined ? 1000 : Number(process.env.CACHE_TTL_MS);
const hopByHop = [
	'connection',
	'keep-alive',
	'transfer-encoding',
	'upgrade',
	'te',
	'trailer',
	'proxy-authorization',
	'proxy-authenticate',
];
const entries = new Map();
const inFlight = new Map();

async function bodyOf(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

async function askOrigin(req, body) {
	const headers = new Headers();
	for (const [name, value] of Object.entries(req.headers)) {
		if (hopByHop.includes(name) || name === 'host' || name === 'content-length') continue;
		headers.set(name, Array.isArray(value) ? value.join(', ') : value);
	}
	const forwardedFor = req.headers['x-forwarded-for'];
	headers.set(
		'x-forwarded-for',
		[forwardedFor, req.socket.remoteAddress].filter(Boolean).join(', '),
	);
	const response = await fetch(origin + req.url, {
		method: req.method,
		headers,
		body: body && body.length > 0 ? body : undefined,
		redirect: 'manual',
	});
	const answerHeaders = {};
	response.headers.forEach((value, name) => {
		if (!hopByHop.includes(name)) answerHeaders[name] = value;
	});
	return {
		status: response.status,
		headers: answerHeaders,
		body: Buffer.from(await response.arrayBuffer()),
		fetchedAt: Date.now(),
	};
}

function mayStore(answer) {
	if (answer.status !== 200) return false;
	const directives = (answer.headers['cache-control'] || '')
		.toLowerCase()
		.split(',')
		.map((d) => d.trim());
	return !directives.some(
		(d) => d === 'no-store' || d.startsWith('private') || d === 'no-cache' || d === 'max-age=0',
	);
}

function reply(res, answer, xCache) {
	const headers = { ...answer.headers, via: '1.1 lab-cache' };
	if (xCache) headers['x-cache'] = xCache;
	if (xCache === 'HIT') headers.age = String(Math.floor((Date.now() - answer.fetchedAt) / 1000));
	res.writeHead(answer.status, headers);
	res.end(answer.body);
}

async function serve(req, res) {
	const key = req.url;
	// Shared caches keep out of personal answers: the origin alone decides who sees what.
	if (req.method === 'GET' && 'authorization' in req.headers) {
		return reply(res, await askOrigin(req), 'MISS');
	}
	if (req.method === 'GET') {
		const entry = entries.get(key);
		if (entry && Date.now() - entry.fetchedAt < ttl) return reply(res, entry, 'HIT');
		if (!inFlight.has(key)) {
			const job = askOrigin(req);
			inFlight.set(key, job);
			try {
				const answer = await job;
				if (mayStore(answer)) entries.set(key, answer);
				else entries.delete(key);
			} catch {
				// Each waiter reports the failure from its own await below.
			} finally {
				inFlight.delete(key);
			}
			return reply(res, await job, 'MISS');
		}
		return reply(res, await inFlight.get(key), 'MISS');
	}
	const answer = await askOrigin(req, await bodyOf(req));
	if (
		['POST', 'PUT', 'PATCH', 'DELETE'].includes(req.method) &&
		answer.status >= 200 &&
		answer.status <= 299
	) {
		entries.delete(key);
	}
	reply(res, answer);
}

http
	.createServer((req, res) => {
		serve(req, res).catch(() => {
			res.writeHead(502, { 'content-type': 'application/json' });
			res.end(JSON.stringify({ error: 'origin unreachable' }));
		});
	})
	.listen(Number(process.env.PORT));
