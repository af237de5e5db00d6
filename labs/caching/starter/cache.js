// Caching proxy starter. It already passes every request through to ORIGIN and streams the answer
// back; your job is to remember GET answers for a while and serve them without asking the origin.
import { createServer, request as originRequest } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const ORIGIN = new URL(process.env.ORIGIN ?? 'http://127.0.0.1:5001');
// TODO: read CACHE_TTL_MS (milliseconds, 1000 when it is not set).

// TODO: somewhere to keep stored answers, keyed by path and query string (req.url).

const server = createServer((req, res) => {
	// TODO: a GET whose key is stored and still fresh is answered from the cache, marked
	//       X-Cache: HIT, without contacting the origin.

	// TODO: add X-Forwarded-For with the client's address (req.socket.remoteAddress), appended
	//       after ", " when the request already has one.
	const outgoing = originRequest(
		{
			hostname: ORIGIN.hostname,
			port: ORIGIN.port,
			method: req.method,
			path: req.url,
			headers: { ...req.headers, host: ORIGIN.host },
		},
		(answer) => {
			// TODO: to store an answer you need its whole body, not only a stream of it. Store only a
			//       GET answered 200 whose Cache-Control has neither no-store nor private, mark GET
			//       answers X-Cache: MISS, and let a successful POST, PUT, PATCH or DELETE drop the
			//       stored copy of the same key.
			res.writeHead(answer.statusCode, answer.headers);
			answer.pipe(res);
		},
	);
	// TODO: what should the client get when the origin cannot be reached?
	req.pipe(outgoing);

	// TODO: when several clients ask for the same missing key at once, ask the origin only once.
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Proxy for ${ORIGIN.origin} listening on http://127.0.0.1:${PORT}`);
});
