// A correct balancer in another style: callbacks and streams, a keep-alive agent, Host rewritten
// to the backend's, and hysteresis: two failed checks in a row take a backend out, two passing
// ones bring it back. Both fit within the two intervals the contract allows.
import http from 'node:http';

const INTERVAL = Number(process.env.HEALTH_INTERVAL_MS) || 1000;
const TIMEOUT = Number(process.env.HEALTH_TIMEOUT_MS) || 500;
const PATH = process.env.HEALTH_PATH || '/health';
const agent = new http.Agent({ keepAlive: true });

const servers = process.env.BACKENDS.split(',').map(function (base) {
	const url = new URL(base);
	return {
		hostname: url.hostname,
		port: Number(url.port),
		host: url.host,
		inService: true,
		streak: 0,
	};
});
let position = 0;

function probe(server) {
	let done = false;
	function verdict(ok) {
		if (done) return;
		done = true;
		clearTimeout(timer);
		// The streak counts results in a row that disagree with the server's current state.
		if (ok === server.inService) {
			server.streak = 0;
			return;
		}
		server.streak += 1;
		if (server.streak >= 2) {
			server.inService = ok;
			server.streak = 0;
		}
	}
	const req = http.get(
		{
			agent: agent,
			hostname: server.hostname,
			port: server.port,
			path: PATH,
			headers: { host: server.host },
		},
		function (res) {
			res.resume();
			verdict(res.statusCode >= 200 && res.statusCode <= 299);
		},
	);
	req.on('error', function () {
		verdict(false);
	});
	const timer = setTimeout(function () {
		verdict(false);
		req.destroy();
	}, TIMEOUT);
}

setInterval(function () {
	servers.forEach(probe);
}, INTERVAL);

function choose(tried) {
	for (let i = 0; i < servers.length; i++) {
		const server = servers[(position + i) % servers.length];
		if (server.inService && tried.indexOf(server) === -1) {
			position = (position + i + 1) % servers.length;
			return server;
		}
	}
	return null;
}

function attempt(req, res, tried, body) {
	const server = choose(tried);
	if (!server) {
		res.writeHead(tried.length === 0 ? 503 : 502);
		res.end();
		return;
	}
	tried.push(server);
	const headers = Object.assign({}, req.headers);
	delete headers.connection;
	delete headers['keep-alive'];
	headers.host = server.host;
	const seen = req.headers['x-forwarded-for'];
	headers['x-forwarded-for'] = (seen ? seen + ', ' : '') + req.socket.remoteAddress;

	const out = http.request(
		{
			agent: agent,
			hostname: server.hostname,
			port: server.port,
			method: req.method,
			path: req.url,
			headers: headers,
		},
		function (answer) {
			const back = Object.assign({}, answer.headers);
			delete back.connection;
			delete back['keep-alive'];
			delete back['transfer-encoding'];
			res.writeHead(answer.statusCode, back);
			answer.pipe(res);
		},
	);
	out.on('error', function () {
		if (res.headersSent) {
			res.destroy();
		} else if (body !== null) {
			attempt(req, res, tried, body);
		} else {
			res.writeHead(502);
			res.end();
		}
	});
	if (body !== null) out.end(body);
	else req.pipe(out);
}

http
	.createServer(function (req, res) {
		if (req.method !== 'GET' && req.method !== 'HEAD') {
			attempt(req, res, [], null);
			return;
		}
		const parts = [];
		req.on('data', function (part) {
			parts.push(part);
		});
		req.on('end', function () {
			attempt(req, res, [], Buffer.concat(parts));
		});
	})
	.listen(Number(process.env.PORT), '127.0.0.1');
