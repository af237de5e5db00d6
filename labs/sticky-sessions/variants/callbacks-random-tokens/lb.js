// A correct balancer in another style: callbacks and streams, random tokens drawn at start-up and
// kept in a Map, and the affinity cookie set again on every answer, pinned or not.
import { randomUUID } from 'node:crypto';
import { request } from 'node:http';
import { createServer } from 'node:http';

const name = process.env.COOKIE_NAME || 'lb_affinity';
const backends = process.env.BACKENDS.split(',').map(function (base) {
	return { base: base, token: randomUUID().replace(/-/g, '') };
});
const byToken = new Map(
	backends.map(function (backend) {
		return [backend.token, backend];
	}),
);
let next = 0;

function cookies(header) {
	const found = { pinned: undefined, rest: [] };
	(header || '').split(';').forEach(function (part) {
		const pair = part.trim();
		const eq = pair.indexOf('=');
		if (eq > 0 && pair.slice(0, eq) === name) found.pinned = byToken.get(pair.slice(eq + 1));
		else if (pair) found.rest.push(pair);
	});
	return found;
}

function attempt(req, res, list, headers) {
	const backend = list[0];
	const outgoing = request(backend.base + req.url, { method: req.method, headers: headers });
	outgoing.on('response', function (answer) {
		const relayed = Object.assign({}, answer.headers);
		delete relayed.connection;
		delete relayed['transfer-encoding'];
		relayed['set-cookie'] = (answer.headers['set-cookie'] || []).concat(
			name + '=' + backend.token + '; Path=/; HttpOnly',
		);
		res.writeHead(answer.statusCode, relayed);
		answer.pipe(res);
	});
	outgoing.on('error', function (error) {
		if (error.code === 'ECONNREFUSED' && list.length > 1 && !res.headersSent) {
			attempt(req, res, list.slice(1), headers);
		} else if (!res.headersSent) {
			res.writeHead(502);
			res.end('bad gateway');
		} else {
			res.destroy();
		}
	});
	outgoing.end(req.body);
}

createServer(function (req, res) {
	const found = cookies(req.headers.cookie);
	const list = [];
	if (found.pinned) list.push(found.pinned);
	if (!found.pinned) next = (next + 1) % backends.length;
	for (let i = 0; i < backends.length; i++) {
		const backend = backends[(next + i) % backends.length];
		if (backend !== found.pinned) list.push(backend);
	}
	const headers = Object.assign({}, req.headers);
	delete headers.connection;
	delete headers['transfer-encoding'];
	if (found.rest.length) headers.cookie = found.rest.join('; ');
	else delete headers.cookie;
	const client = req.socket.remoteAddress;
	headers['x-forwarded-for'] = headers['x-forwarded-for']
		? headers['x-forwarded-for'] + ', ' + client
		: client;
	const chunks = [];
	req.on('data', function (chunk) {
		chunks.push(chunk);
	});
	req.on('end', function () {
		req.body = Buffer.concat(chunks);
		attempt(req, res, list, headers);
	});
}).listen(process.env.PORT, '127.0.0.1');
