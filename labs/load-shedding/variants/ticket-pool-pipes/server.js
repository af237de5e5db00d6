// A correct load-shedding server that hands out tickets from a pool instead of counting: a request
// is forwarded only if it can take a ticket, and a ticket goes back to the pool through a release
// function that works once. Bodies are piped both ways with http.request (no buffering), the
// deadline is the upstream socket's own idle timeout (request.setTimeout), and the server is a
// route table of its own in front of the forwarding handler.
import http from 'node:http';
import { once } from 'node:events';

const env = process.env;
const upstream = new URL(env.UPSTREAM_URL);
const deadlineMs = Number(env.UPSTREAM_TIMEOUT_MS);

function ticketPool(size) {
	const free = Array.from({ length: size }, (_, n) => ({ n }));
	return {
		take() {
			const ticket = free.pop();
			if (ticket === undefined) return undefined;
			let back = false;
			return () => {
				if (back) return;
				back = true;
				free.push(ticket);
			};
		},
	};
}
const pool = ticketPool(Math.max(1, Number.parseInt(env.MAX_IN_FLIGHT, 10) || 1));

function fail(res, status, message, extra = {}) {
	if (res.headersSent || res.destroyed) return;
	res.writeHead(status, { 'Content-Type': 'application/json', ...extra });
	res.end(JSON.stringify({ error: message }));
}

async function forward(req, res) {
	const release = pool.take();
	if (!release) return fail(res, 503, 'too many requests in flight', { 'Retry-After': '2' });
	res.once('close', release);

	const headers = {};
	for (const name of ['content-type', 'content-length']) {
		if (req.headers[name] !== undefined) headers[name] = req.headers[name];
	}
	const outgoing = http.request({
		hostname: upstream.hostname,
		port: upstream.port,
		path: upstream.pathname.replace(/\/$/, '') + req.url,
		method: req.method,
		headers,
		agent: false,
	});
	let timedOut = false;
	outgoing.setTimeout(deadlineMs, () => {
		timedOut = true;
		outgoing.destroy(new Error('deadline'));
	});
	res.once('close', () => {
		if (!res.writableFinished) outgoing.destroy();
	});
	req.pipe(outgoing);

	try {
		const [answer] = await once(outgoing, 'response');
		const type = answer.headers['content-type'];
		res.writeHead(answer.statusCode, type === undefined ? {} : { 'Content-Type': type });
		answer.pipe(res);
		answer.once('aborted', () => res.destroy());
	} catch {
		if (timedOut) fail(res, 504, `no answer from the upstream within ${deadlineMs} ms`);
		else fail(res, 502, 'the upstream refused or broke off the request');
	}
}

const routes = {
	'GET /health': (req, res) => {
		res.writeHead(200, { 'Content-Type': 'text/plain' });
		res.end('healthy\n');
	},
};

http
	.createServer((req, res) => {
		const route = routes[`${req.method} ${req.url.split('?')[0]}`] ?? forward;
		route(req, res);
	})
	.listen(Number(env.PORT), '127.0.0.1');
