// Order-status stream written with callbacks only. It ends its lines with CRLF, leaves no space
// after the colons, spreads the JSON over several data lines, greets each stream with a comment,
// numbers each order's updates from 100, and marks streams no-store instead of no-cache: all of
// that is valid server-sent events, and a client must read it the same way.
import http from 'node:http';

var port = Number(process.env.PORT || 3000);
var beat = Number(process.env.HEARTBEAT_MS);
if (!(beat > 0)) beat = 15000;

var orders = {}; // order id -> { next, updates, listeners }

function order(id) {
	if (!Object.prototype.hasOwnProperty.call(orders, id)) {
		orders[id] = { next: 100, updates: [], listeners: [] };
	}
	return orders[id];
}

function event(update) {
	var lines = ['id:' + update.id, 'event:status'];
	JSON.stringify({ status: update.status }, null, 2).split('\n').forEach(function (line) {
		lines.push('data:' + line);
	});
	return lines.join('\r\n') + '\r\n\r\n';
}

function answer(res, code, value) {
	var text = JSON.stringify(value);
	res.writeHead(code, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
	res.end(text);
}

function subscribe(req, res, o) {
	res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store' });
	res.write(': welcome\r\n\r\n');
	var after = parseInt(req.headers['last-event-id'], 10);
	o.updates.forEach(function (u) {
		if (isNaN(after) || u.id > after) res.write(event(u));
	});
	o.listeners.push(res);
	var timer = setInterval(function () {
		res.write(':\r\n');
	}, beat);
	res.on('close', function () {
		clearInterval(timer);
		o.listeners = o.listeners.filter(function (other) {
			return other !== res;
		});
	});
}

function publish(req, res, o) {
	var raw = '';
	req.setEncoding('utf8');
	req.on('data', function (chunk) {
		raw += chunk;
	});
	req.on('end', function () {
		var parsed;
		try {
			parsed = JSON.parse(raw);
		} catch (e) {
			return answer(res, 400, { error: 'not JSON' });
		}
		if (!parsed || typeof parsed.status !== 'string' || !parsed.status) {
			return answer(res, 400, { error: 'status must be a non-empty string' });
		}
		var u = { id: o.next++, status: parsed.status };
		o.updates.push(u);
		o.listeners.forEach(function (l) {
			l.write(event(u));
		});
		answer(res, 201, { listeners: o.listeners.length });
	});
}

http
	.createServer(function (req, res) {
		var m = req.url.match(/^\/orders\/([^/?]+)\/(events|status)(\?.*)?$/);
		if (m && m[2] === 'events' && req.method === 'GET') return subscribe(req, res, order(m[1]));
		if (m && m[2] === 'status' && req.method === 'POST') return publish(req, res, order(m[1]));
		answer(res, 404, { error: 'not found' });
	})
	.listen(port, '127.0.0.1');
