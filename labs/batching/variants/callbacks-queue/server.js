// A correct batch endpoint in callback style. A queue of waiting sub-requests is drained by
// whichever call finishes, the batch is answered when the last one is in, and failed calls get a
// bare {"status": 502} entry.
import http from 'node:http';

const PORT = process.env.PORT;
const API = new URL(process.env.API_URL);

function json(res, status, value, headers) {
	res.writeHead(status, Object.assign({ 'Content-Type': 'application/json' }, headers));
	res.end(JSON.stringify(value));
}

function isValid(batch) {
	if (batch === null || typeof batch !== 'object' || Array.isArray(batch)) return false;
	if (!Array.isArray(batch.requests)) return false;
	return batch.requests.every(function (r) {
		if (r === null || typeof r !== 'object' || Array.isArray(r)) return false;
		if (typeof r.path !== 'string' || r.path.charAt(0) !== '/') return false;
		return r.method === undefined || typeof r.method === 'string';
	});
}

function get(path, done) {
	const req = http.get({ host: API.hostname, port: API.port, path: path }, function (answer) {
		let text = '';
		answer.setEncoding('utf8');
		answer.on('data', function (chunk) {
			text += chunk;
		});
		answer.on('end', function () {
			let body;
			try {
				body = JSON.parse(text);
			} catch (e) {
				body = text;
			}
			done({ status: answer.statusCode, body: body });
		});
		answer.on('error', function () {
			done({ status: 502 });
		});
	});
	req.on('error', function () {
		done({ status: 502 });
	});
}

function runBatch(requests, limit, finished) {
	const results = [];
	const queue = requests.map(function (r, i) {
		return i;
	});
	let running = 0;
	let left = requests.length;
	if (left === 0) return finished(results);
	function settle(index, result) {
		results[index] = result;
		running--;
		left--;
		if (left === 0) return finished(results);
		pump();
	}
	function pump() {
		while (running < limit && queue.length > 0) {
			const index = queue.shift();
			const r = requests[index];
			running++;
			if ((r.method || 'GET') !== 'GET') {
				setImmediate(settle, index, { status: 405 });
			} else {
				get(r.path, settle.bind(null, index));
			}
		}
	}
	pump();
}

http
	.createServer(function (req, res) {
		if (req.url !== '/batch') return json(res, 404, { error: 'Unknown path' });
		if (req.method !== 'POST') {
			return json(res, 405, { error: 'Method not allowed' }, { Allow: 'POST' });
		}
		let text = '';
		req.setEncoding('utf8');
		req.on('data', function (chunk) {
			text += chunk;
		});
		req.on('end', function () {
			let batch;
			try {
				batch = JSON.parse(text);
			} catch (e) {
				return json(res, 400, { error: 'Malformed JSON' });
			}
			if (!isValid(batch)) return json(res, 400, { error: 'Not a valid batch' });
			if (batch.requests.length > 50) return json(res, 413, { error: 'Batch too large' });
			runBatch(batch.requests, 10, function (responses) {
				json(res, 200, { responses: responses });
			});
		});
	})
	.listen(PORT, '127.0.0.1');
