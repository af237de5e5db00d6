// A correct load-shedding server built on node:http callbacks alone: http.request to the upstream,
// a timer of its own for UPSTREAM_TIMEOUT_MS, and a release function that guards itself, so that
// calling it from every place a request can end gives the slot back exactly once.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const upstream = new URL(process.env.UPSTREAM_URL ?? 'http://127.0.0.1:4000');
const limit = Number(process.env.MAX_IN_FLIGHT ?? 10);
const timeoutMs = Number(process.env.UPSTREAM_TIMEOUT_MS ?? 5000);

let active = 0;

function json(res, status, body, extra) {
	const text = JSON.stringify(body);
	res.writeHead(status, Object.assign({ 'content-type': 'application/json; charset=utf-8' }, extra));
	res.end(text);
}

http
	.createServer(function (req, res) {
		if (req.method === 'GET' && (req.url === '/health' || req.url.startsWith('/health?'))) {
			return json(res, 200, { ok: true, active: active });
		}
		if (active >= limit) {
			return json(res, 503, { error: 'over capacity' }, { 'retry-after': '2' });
		}

		active++;
		let released = false;
		function release() {
			if (released) return;
			released = true;
			active--;
		}

		const headers = {};
		if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
		if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
		const outgoing = http.request({
			hostname: upstream.hostname,
			port: upstream.port,
			method: req.method,
			path: req.url,
			headers: headers,
		});

		const timer = setTimeout(function () {
			outgoing.destroy();
			if (!res.headersSent) json(res, 504, { error: 'upstream timed out' });
			release();
		}, timeoutMs);

		outgoing.on('response', function (answer) {
			clearTimeout(timer);
			res.writeHead(answer.statusCode, { 'content-type': answer.headers['content-type'] });
			answer.pipe(res);
			answer.on('error', function () {
				res.destroy();
			});
		});
		outgoing.on('error', function () {
			clearTimeout(timer);
			if (!res.headersSent && !res.destroyed) json(res, 502, { error: 'upstream unreachable' });
			release();
		});

		res.on('finish', release);
		res.on('close', function () {
			if (!res.writableFinished) {
				// The client left before its answer: drop the upstream request and the timer with it.
				clearTimeout(timer);
				outgoing.destroy();
			}
			release();
		});

		req.pipe(outgoing);
	})
	.listen(port, '127.0.0.1');
