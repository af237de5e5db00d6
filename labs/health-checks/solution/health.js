// One active health check: a GET of the health path that must bring a 2xx answer in time.
import http from 'node:http';

/** Asks `base` for `path` and calls `report(healthy)` exactly once: true for a 2xx answer within
 * `timeoutMs`, false for any other status, a connection error, or no answer in time. */
export function checkHealth(agent, base, path, timeoutMs, report) {
	let settled = false;
	const settle = (healthy) => {
		if (settled) return;
		settled = true;
		clearTimeout(timer);
		report(healthy);
	};

	const request = http.get({ agent, hostname: base.hostname, port: base.port, path }, (reply) => {
		// The body says nothing the status does not, but it must be read for the socket to close.
		reply.resume();
		settle(reply.statusCode >= 200 && reply.statusCode < 300);
	});
	request.on('error', () => settle(false));

	// The socket's own timeout only measures silence; this one bounds the whole exchange.
	const timer = setTimeout(() => {
		settle(false);
		request.destroy();
	}, timeoutMs);
}
