// A correct request-ids service on node:http callbacks alone: http.request to the upstream with the
// body piped through, an id drawn from crypto.randomBytes, and the log line written from the
// response's 'finish' event, so that a 502 is logged by the same code as a 200.
var http = require('node:http');
var crypto = require('node:crypto');

var port = Number(process.env.PORT || 3000);
var upstream = new URL(process.env.UPSTREAM_URL || 'http://127.0.0.1:4000');

function isWellFormed(value) {
	if (typeof value !== 'string' || value.length < 8 || value.length > 64) return false;
	for (var i = 0; i < value.length; i++) {
		var c = value[i];
		var ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c === '_' || c === '-';
		if (!ok) return false;
	}
	return true;
}

http
	.createServer(function (req, res) {
		var startedAt = process.hrtime.bigint();
		var incoming = req.headers['x-request-id'];
		var id = isWellFormed(incoming) ? incoming : 'req_' + crypto.randomBytes(12).toString('hex');

		res.on('finish', function () {
			var ms = Number(process.hrtime.bigint() - startedAt) / 1e6;
			process.stdout.write(
				JSON.stringify({
					time: new Date().toISOString(),
					service: 'middle',
					requestId: id,
					method: req.method,
					path: req.url,
					status: res.statusCode,
					durationMs: Math.round(ms * 10) / 10,
				}) + '\n',
			);
		});

		var headers = { 'x-request-id': id };
		if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
		if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
		var outgoing = http.request({
			hostname: upstream.hostname,
			port: upstream.port,
			method: req.method,
			path: req.url,
			headers: headers,
		});
		outgoing.on('response', function (answer) {
			res.writeHead(answer.statusCode, {
				'content-type': answer.headers['content-type'] || 'application/octet-stream',
				'x-request-id': id,
			});
			answer.pipe(res);
		});
		outgoing.on('error', function () {
			if (res.headersSent) return res.destroy();
			res.writeHead(502, { 'content-type': 'application/json', 'x-request-id': id });
			res.end(JSON.stringify({ error: 'bad gateway: the upstream did not answer' }));
		});
		req.pipe(outgoing);
	})
	.listen(port);
