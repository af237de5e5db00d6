// Load-shedding starter. It already passes every request through to UPSTREAM_URL and sends the
// answer back. Your job: let only MAX_IN_FLIGHT requests be in progress at once, turn the rest
// away at once, and make sure every request gives its place back however it ends.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const UPSTREAM_URL = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000';
const MAX_IN_FLIGHT = Number(process.env.MAX_IN_FLIGHT ?? 10);
const UPSTREAM_TIMEOUT_MS = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 5000);

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
	// TODO: GET /health is answered right here with 200: never forwarded, never counted, never
	//       refused.

	// TODO: when MAX_IN_FLIGHT requests are already in flight, answer 503 at once, with a
	//       Retry-After header (whole seconds, at least 1) and {"error": "..."}, and do not
	//       contact the upstream.

	// TODO: count this request as in flight, and give its slot back exactly once, however it
	//       ends: answered, failed, or abandoned by its client (res emits 'close' in every case).

	const body = await readBody(req);
	// TODO: stop waiting for the upstream after UPSTREAM_TIMEOUT_MS (answer 504), and stop as
	//       well when the client goes away before its answer: fetch takes an AbortSignal.
	const answer = await fetch(UPSTREAM_URL + req.url, {
		method: req.method,
		headers: req.headers['content-type'] ? { 'Content-Type': req.headers['content-type'] } : {},
		body: body.length > 0 ? body : undefined,
		redirect: 'manual',
	});
	// TODO: when the upstream cannot be reached, answer 502 with {"error": "..."} instead of
	//       crashing.
	const bytes = Buffer.from(await answer.arrayBuffer());
	res.writeHead(answer.status, {
		'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
	});
	res.end(bytes);
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Forwarding to ${UPSTREAM_URL}, at most ${MAX_IN_FLIGHT} at once, on http://127.0.0.1:${PORT}`);
});
