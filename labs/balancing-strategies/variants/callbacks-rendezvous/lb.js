// A correct balancer in another style: callbacks only, ties in least connections going to the LAST
// of the least busy backends, and IP hash done by rendezvous hashing: every backend gives the
// client a score, and the highest score wins.
import { createHash } from 'node:crypto';
import { createServer, request } from 'node:http';

const backends = process.env.BACKENDS.split(',').map(function (base) {
	return { base: base, url: new URL(base), busy: 0 };
});
const strategy = process.env.STRATEGY;

function leastConnections() {
	let chosen = backends[0];
	backends.forEach(function (backend) {
		if (backend.busy <= chosen.busy) chosen = backend;
	});
	return chosen;
}

function score(client, backend) {
	return createHash('md5')
		.update(client + ' ' + backend.base)
		.digest()
		.readUInt32LE(4);
}

function rendezvous(req) {
	const header = req.headers['x-forwarded-for'];
	// Our own proxy appends the address it saw; anything left of it is the client's say-so.
	const client = header ? header.split(',').pop().trim() : req.socket.remoteAddress;
	let best = backends[0];
	backends.forEach(function (backend) {
		if (score(client, backend) > score(client, best)) best = backend;
	});
	return best;
}

createServer(function (req, res) {
	const backend = strategy === 'ip-hash' ? rendezvous(req) : leastConnections();
	backend.busy++;
	let counted = true;
	function done() {
		if (counted) backend.busy--;
		counted = false;
	}
	res.on('finish', done);
	res.on('close', done);

	const headers = Object.assign({}, req.headers);
	delete headers.connection;
	headers.host = backend.url.host;
	const client = req.socket.remoteAddress;
	headers['x-forwarded-for'] = req.headers['x-forwarded-for']
		? req.headers['x-forwarded-for'] + ', ' + client
		: client;

	const outgoing = request(
		backend.base + req.url,
		{ method: req.method, headers: headers },
		function (answer) {
			const relayed = Object.assign({}, answer.headers);
			delete relayed.connection;
			res.writeHead(answer.statusCode, relayed);
			answer.pipe(res);
		},
	);
	outgoing.on('error', function () {
		if (res.headersSent) return res.destroy();
		res.writeHead(502, { 'Content-Type': 'text/plain' });
		res.end('The backend is not answering.\n');
	});
	req.pipe(outgoing);
}).listen(process.env.PORT, '127.0.0.1');
