// Your load balancer with health checks. Run it with:
//   PORT=3000 BACKENDS=http://127.0.0.1:5001,http://127.0.0.1:5002 HEALTH_INTERVAL_MS=1000 node lb.js
// You may start from your round-robin balancer: copy its forwarding code into this file.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);

// TODO: read HEALTH_INTERVAL_MS (default 1000), HEALTH_PATH (default /health) and
// HEALTH_TIMEOUT_MS (default 500). Careful: Number(undefined) is NaN, not the default.

// Every backend starts out healthy.
const backends = (process.env.BACKENDS ?? '')
	.split(',')
	.filter((url) => url !== '')
	.map((url) => ({ url: new URL(url), healthy: true }));

// TODO: every HEALTH_INTERVAL_MS, send GET HEALTH_PATH to each backend. A 2xx answer within
// HEALTH_TIMEOUT_MS means healthy; another status, a connection error or no answer in time
// means unhealthy. These requests must not move the rotation on.

const server = http.createServer((req, res) => {
	// TODO: pick the next healthy backend in BACKENDS order; with none healthy, answer 503.

	// TODO: forward the request and relay the answer as in the round-robin lab (method, path and
	// query, headers, body, X-Forwarded-For).

	// TODO: if a GET or HEAD cannot reach its backend (refused or reset before any answer), try
	// the next healthy backend. Never send a POST, PUT, PATCH or DELETE twice: answer 502.

	res.writeHead(501, { 'Content-Type': 'text/plain' });
	res.end(`Not implemented yet: ${backends.length} backends are waiting for you.\n`);
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Load balancer listening on port ${port}`);
});
