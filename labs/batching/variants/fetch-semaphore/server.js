// A correct batch endpoint built on fetch and async/await. It listens on all interfaces, limits
// the API calls with a small semaphore instead of a pool of workers, and adds the API's
// Content-Type to each entry, which the lab allows.
import http from 'node:http';

const apiUrl = process.env.API_URL;

function semaphore(limit) {
	let active = 0;
	const waiting = [];
	return async function run(task) {
		if (active >= limit) await new Promise((resolve) => waiting.push(resolve));
		active++;
		try {
			return await task();
		} finally {
			active--;
			waiting.shift()?.();
		}
	};
}

function problem(requests) {
	if (!Array.isArray(requests)) return 'requests must be an array';
	const bad = requests.findIndex(
		(r) =>
			!r ||
			typeof r !== 'object' ||
			Array.isArray(r) ||
			typeof r.path !== 'string' ||
			r.path[0] !== '/' ||
			!['undefined', 'string'].includes(typeof r.method),
	);
	return bad === -1 ? null : `request ${bad} is malformed`;
}

async function callApi(path) {
	try {
		// A redirect is the API's answer to this sub-request; following it is the client's choice.
		const response = await fetch(apiUrl + path, { redirect: 'manual' });
		const text = await response.text();
		let body = text;
		try {
			body = JSON.parse(text);
		} catch {}
		return { status: response.status, body, contentType: response.headers.get('content-type') };
	} catch (error) {
		return { status: 502, body: { error: error.message } };
	}
}

function reply(res, status, data, extra = {}) {
	res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...extra });
	res.end(JSON.stringify(data));
}

http
	.createServer(async (req, res) => {
		if (req.url.split('?')[0] !== '/batch') return reply(res, 404, { error: 'not found' });
		if (req.method !== 'POST') return reply(res, 405, { error: 'POST only' }, { allow: 'POST' });
		let text = '';
		for await (const chunk of req) text += chunk;
		let parsed;
		try {
			parsed = JSON.parse(text);
		} catch {
			return reply(res, 400, { error: 'body is not JSON' });
		}
		const why =
			parsed && typeof parsed === 'object' ? problem(parsed.requests) : 'body must be an object';
		if (why) return reply(res, 400, { error: why });
		if (parsed.requests.length > 50) return reply(res, 413, { error: 'at most 50 requests' });
		const limit = semaphore(10);
		const responses = await Promise.all(
			parsed.requests.map((r) =>
				(r.method ?? 'GET') === 'GET'
					? limit(() => callApi(r.path))
					: { status: 405, body: { error: `${r.method} is not allowed in a batch` } },
			),
		);
		reply(res, 200, { responses });
	})
	.listen(Number(process.env.PORT));
