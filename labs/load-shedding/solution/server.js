// A server that sheds load: it forwards requests to UPSTREAM_URL, at most MAX_IN_FLIGHT at a time,
// and answers any request past that limit at once with 503 and a Retry-After, so the requests it
// did accept keep their speed. Every request gives its slot back exactly once, however it ends.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const UPSTREAM_URL = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000';
const MAX_IN_FLIGHT = Number(process.env.MAX_IN_FLIGHT ?? 10);
const UPSTREAM_TIMEOUT_MS = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 5000);
// How long a refused client should wait before it tries again, in whole seconds.
const RETRY_AFTER_S = 1;

let inFlight = 0;

function sendJson(res, status, body, headers = {}) {
	res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
	res.end(JSON.stringify(body));
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const server = createServer(async (req, res) => {
	// The health check answers from here, so a busy server still looks alive to its balancer.
	if (req.method === 'GET' && req.url.split('?')[0] === '/health') {
		sendJson(res, 200, { status: 'ok', inFlight, maxInFlight: MAX_IN_FLIGHT });
		return;
	}

	// Past the limit, say no at once: a refusal costs microseconds, a wait costs everyone.
	if (inFlight >= MAX_IN_FLIGHT) {
		sendJson(
			res,
			503,
			{ error: `Busy: ${inFlight} requests in progress; try again in ${RETRY_AFTER_S} s` },
			{ 'Retry-After': String(RETRY_AFTER_S) },
		);
		return;
	}

	inFlight++;
	// 'close' comes exactly once per response: after the answer went out, or when the client left
	// first. Giving the slot back there covers every way a request can end.
	const clientGone = new AbortController();
	res.once('close', () => {
		inFlight--;
		if (!res.writableFinished) clientGone.abort();
	});

	try {
		const body = await readBody(req);
		const answer = await fetch(UPSTREAM_URL + req.url, {
			method: req.method,
			headers: req.headers['content-type'] ? { 'Content-Type': req.headers['content-type'] } : {},
			body: body.length > 0 ? body : undefined,
			redirect: 'manual',
			// Either signal ends the upstream request: our deadline, or a client nobody answers any more.
			signal: AbortSignal.any([clientGone.signal, AbortSignal.timeout(UPSTREAM_TIMEOUT_MS)]),
		});
		const bytes = Buffer.from(await answer.arrayBuffer());
		res.writeHead(answer.status, {
			'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
		});
		res.end(bytes);
	} catch (error) {
		if (res.destroyed) return; // the client went away: there is nobody left to answer
		if (error.name === 'TimeoutError') {
			sendJson(res, 504, { error: `The upstream did not answer within ${UPSTREAM_TIMEOUT_MS} ms` });
		} else {
			sendJson(res, 502, { error: 'The upstream could not be reached' });
		}
	}
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Forwarding to ${UPSTREAM_URL}, at most ${MAX_IN_FLIGHT} at once, on http://127.0.0.1:${PORT}`);
});
