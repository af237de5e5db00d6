// A service in the middle of a chain that keeps one request id per request: it takes the caller's
// X-Request-Id when it is well-formed and makes a new one otherwise, sends it upstream with the
// request, returns it on every answer (502s included), and prints one JSON log line per request.
import { createServer } from 'node:http';
import { randomUUID } from 'node:crypto';

const PORT = Number(process.env.PORT ?? 3000);
const UPSTREAM_URL = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000';

// The lesson's pattern: 8 to 64 letters, digits, '_' or '-'. Anything else is replaced, so a
// caller can neither flood the logs nor slip odd characters into them.
const WELL_FORMED = /^[\w-]{8,64}$/;

function requestIdOf(req) {
	const given = req.headers['x-request-id'];
	return typeof given === 'string' && WELL_FORMED.test(given) ? given : randomUUID();
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const server = createServer(async (req, res) => {
	const started = performance.now();
	const requestId = requestIdOf(req);
	// Log once the answer is out, whichever way it went: the status is known only then.
	res.once('finish', () => {
		const durationMs = Math.round(performance.now() - started);
		const line = { requestId, method: req.method, path: req.url, status: res.statusCode, durationMs };
		console.log(JSON.stringify(line));
	});

	try {
		const body = await readBody(req);
		const headers = { 'X-Request-Id': requestId };
		if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
		const answer = await fetch(UPSTREAM_URL + req.url, {
			method: req.method,
			headers,
			body: body.length > 0 ? body : undefined,
			redirect: 'manual',
		});
		const bytes = Buffer.from(await answer.arrayBuffer());
		res.writeHead(answer.status, {
			'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
			'X-Request-Id': requestId,
		});
		res.end(bytes);
	} catch {
		// The id matters most here: it is what the caller quotes when reporting this failure.
		res.writeHead(502, { 'Content-Type': 'application/json', 'X-Request-Id': requestId });
		res.end(JSON.stringify({ error: 'The upstream could not be reached', requestId }));
	}
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Passing request ids on to ${UPSTREAM_URL}, on http://127.0.0.1:${PORT}`);
});
