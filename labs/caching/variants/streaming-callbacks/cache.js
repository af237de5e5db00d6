// A correct caching proxy written with callbacks and streams. Answers are streamed to the client
// as they arrive from the origin; clients that ask for the same key meanwhile join the stream,
// getting what has arrived so far and then the rest. Entries are evicted by timers. A GET that
// carries Authorization streams straight through, outside the cache. It binds 0.0.0.0, every IPv4
// interface.
import http from 'node:http';

var origin = new URL(process.env.ORIGIN);
var ttl = process.env.CACHE_TTL_MS ? parseInt(process.env.CACHE_TTL_MS, 10) : 1000;
var cache = {};
var streams = {};
var DROP =
	/^(connection|keep-alive|transfer-encoding|upgrade|te|trailer|proxy-authenticate|proxy-authorization)$/i;

function clean(headers) {
	var out = {};
	Object.keys(headers).forEach(function (name) {
		if (!DROP.test(name)) out[name] = headers[name];
	});
	return out;
}

function storable(status, headers) {
	var cc = [].concat(headers['cache-control'] || []).join(',');
	return status === 200 && !/(^|,)\s*(no-store|private)\s*(=|,|$)/i.test(cc);
}

function openOrigin(req, onAnswer, onError) {
	var headers = clean(req.headers);
	var client = req.socket.remoteAddress;
	headers['x-forwarded-for'] = req.headers['x-forwarded-for']
		? req.headers['x-forwarded-for'] + ', ' + client
		: client;
	var outgoing = http.request(
		{
			host: origin.hostname,
			port: origin.port,
			method: req.method,
			path: req.url,
			headers: headers,
		},
		onAnswer,
	);
	outgoing.on('error', onError);
	return outgoing;
}

function badGateway(res) {
	if (res.headersSent) return res.destroy();
	res.writeHead(502, { 'content-type': 'text/plain' });
	res.end('origin unreachable');
}

function join(stream, res) {
	if (stream.head) {
		res.writeHead(stream.head.status, stream.head.headers);
		stream.chunks.forEach(function (chunk) {
			res.write(chunk);
		});
	}
	stream.clients.push(res);
}

function getThrough(key, req, res) {
	var stream = { head: null, chunks: [], clients: [] };
	streams[key] = stream;
	join(stream, res);
	var outgoing = openOrigin(
		req,
		function (answer) {
			var headers = Object.assign(clean(answer.headers), { 'X-Cache': 'MISS' });
			stream.head = { status: answer.statusCode, headers: headers };
			stream.clients.forEach(function (client) {
				client.writeHead(answer.statusCode, headers);
			});
			answer.on('data', function (chunk) {
				stream.chunks.push(chunk);
				stream.clients.forEach(function (client) {
					client.write(chunk);
				});
			});
			answer.on('end', function () {
				delete streams[key];
				if (storable(answer.statusCode, answer.headers)) {
					var entry = {
						status: answer.statusCode,
						headers: clean(answer.headers),
						body: Buffer.concat(stream.chunks),
					};
					clearTimeout(cache[key] && cache[key].timer);
					entry.timer = setTimeout(function () {
						if (cache[key] === entry) delete cache[key];
					}, ttl);
					entry.timer.unref();
					cache[key] = entry;
				}
				stream.clients.forEach(function (client) {
					client.end();
				});
			});
		},
		function () {
			delete streams[key];
			stream.clients.forEach(badGateway);
		},
	);
	outgoing.end();
}

function passThrough(req, res) {
	var key = req.url;
	var outgoing = openOrigin(
		req,
		function (answer) {
			var ok = answer.statusCode >= 200 && answer.statusCode < 300;
			if (ok && /^(POST|PUT|PATCH|DELETE)$/.test(req.method) && cache[key]) {
				clearTimeout(cache[key].timer);
				delete cache[key];
			}
			var headers = clean(answer.headers);
			if (req.method === 'GET') headers['X-Cache'] = 'MISS';
			res.writeHead(answer.statusCode, headers);
			answer.pipe(res);
		},
		function () {
			badGateway(res);
		},
	);
	req.pipe(outgoing);
}

http
	.createServer(function (req, res) {
		var key = req.url;
		// A request with credentials may get an answer for that user only: straight through, never
		// stored, never joined by another client.
		if (req.method !== 'GET' || req.headers.authorization) return passThrough(req, res);
		var entry = cache[key];
		if (entry) {
			res.writeHead(entry.status, Object.assign({}, entry.headers, { 'X-Cache': 'HIT' }));
			return res.end(entry.body);
		}
		if (streams[key]) return join(streams[key], res);
		getThrough(key, req, res);
	})
	.listen(Number(process.env.PORT), '0.0.0.0');
