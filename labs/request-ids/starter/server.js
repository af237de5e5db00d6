// Request-ids starter: a plain go-between that relays each request to UPSTREAM_URL and relays
// the reply, leaving no trace. What is missing is the trail: one id per request, carried upstream
// and back to the caller, and one JSON log line per request, so that one search finds it all.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const UPSTREAM_URL = process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000';

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks);
}

const server = createServer(async (req, res) => {
	// TODO: the request's id is its X-Request-Id header when that is well-formed (8 to 64
	//       characters, each a letter, a digit, '_' or '-'); otherwise make a new one
	//       (node:crypto has randomUUID).

	const body = await readBody(req);
	// TODO: send the id upstream in an X-Request-Id header.
	const headers = {};
	if (req.headers['content-type']) headers['Content-Type'] = req.headers['content-type'];
	const answer = await fetch(UPSTREAM_URL + req.url, {
		method: req.method,
		headers,
		body: body.length > 0 ? body : undefined,
		redirect: 'manual',
	});
	// TODO: when the upstream cannot be reached, answer 502 with {"error": "..."} instead of
	//       crashing, and with the id too.
	const bytes = Buffer.from(await answer.arrayBuffer());
	// TODO: return the id to the caller in an X-Request-Id header.
	res.writeHead(answer.status, {
		'Content-Type': answer.headers.get('content-type') ?? 'application/octet-stream',
	});
	res.end(bytes);
	// TODO: print one line of JSON per request, once it is answered:
	//       {"requestId", "method", "path", "status", "durationMs"}.
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Passing requests on to ${UPSTREAM_URL}, on http://127.0.0.1:${PORT}`);
});
