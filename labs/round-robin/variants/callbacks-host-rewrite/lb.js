// A correct balancer in another style: callbacks only, a keep-alive agent, raw header lists,
// Host rewritten to the backend's own, and a rotation that begins at a random backend.
import http from 'node:http';

const targets = process.env.BACKENDS.split(',').map(function (base) {
	const url = new URL(base);
	return { hostname: url.hostname, port: Number(url.port), host: url.host };
});
let cursor = Math.floor(Math.random() * targets.length);
const agent = new http.Agent({ keepAlive: true });

function copyRaw(raw, skip) {
	const out = [];
	for (let i = 0; i < raw.length; i += 2) {
		if (!skip.includes(raw[i].toLowerCase())) out.push(raw[i], raw[i + 1]);
	}
	return out;
}

const server = http.createServer(function (req, res) {
	const target = targets[cursor];
	cursor = (cursor + 1) % targets.length;

	// Raw lists keep every header line as the client wrote it, repeated ones included.
	const headers = copyRaw(req.rawHeaders, ['host', 'connection', 'x-forwarded-for']);
	headers.push('Host', target.host);
	const earlier = req.headers['x-forwarded-for'];
	const address = req.socket.remoteAddress;
	headers.push('X-Forwarded-For', earlier === undefined ? address : earlier + ', ' + address);

	const outgoing = http.request(
		{
			agent,
			hostname: target.hostname,
			port: target.port,
			method: req.method,
			path: req.url,
			headers,
		},
		function (incoming) {
			res.writeHead(
				incoming.statusCode,
				copyRaw(incoming.rawHeaders, ['connection', 'keep-alive']),
			);
			incoming.on('data', function (chunk) {
				res.write(chunk);
			});
			incoming.on('end', function () {
				res.end();
			});
		},
	);
	outgoing.on('error', function () {
		if (res.headersSent) return res.destroy();
		res.statusCode = 502;
		res.end('backend unavailable');
	});
	req.on('data', function (chunk) {
		outgoing.write(chunk);
	});
	req.on('end', function () {
		outgoing.end();
	});
});

server.listen(Number(process.env.PORT), '127.0.0.1');
