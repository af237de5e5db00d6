// A correct request-ids service that keeps each request's id in an AsyncLocalStorage context, as
// tracing libraries do, instead of passing it from function to function. The upstream call is
// http.request wrapped in a promise, with the caller's body streamed through by pipeline(); the
// answer is buffered from the upstream's async iterator. Made ids are a process prefix and a
// counter, and the log line is written with process.stdout.write from the helper that ends the
// response, timed with process.hrtime.bigint(). It listens on every interface.
import http from 'node:http';
import { AsyncLocalStorage } from 'node:async_hooks';
import { pipeline } from 'node:stream/promises';
import { randomBytes } from 'node:crypto';

const upstreamBase = new URL(process.env.UPSTREAM_URL);
const context = new AsyncLocalStorage();
const prefix = randomBytes(6).toString('base64url');
let made = 0;

const currentId = () => context.getStore().id;

function idFor(header) {
	if (typeof header === 'string' && /^[A-Za-z0-9_-]{8,64}$/.test(header)) return header;
	made += 1;
	return `rid_${prefix}_${made.toString(36).padStart(4, '0')}`;
}

function finish(res, status, headers, body) {
	const { id, began, req } = context.getStore();
	res.writeHead(status, { ...headers, 'x-request-id': id });
	res.end(body, () => {
		const durationMs = Number(process.hrtime.bigint() - began) / 1e6;
		const entry = { requestId: id, method: req.method, path: req.url, status, durationMs };
		process.stdout.write(JSON.stringify(entry) + '\n');
	});
}

function callUpstream(req) {
	return new Promise((resolve, reject) => {
		const target = new URL(upstreamBase.pathname.replace(/\/$/, '') + req.url, upstreamBase);
		const headers = { 'x-request-id': currentId() };
		if (req.headers['content-type']) headers['content-type'] = req.headers['content-type'];
		if (req.headers['content-length']) headers['content-length'] = req.headers['content-length'];
		const outgoing = http.request(target, { method: req.method, headers }, async (answer) => {
			try {
				const parts = [];
				for await (const part of answer) parts.push(part);
				resolve({ status: answer.statusCode, type: answer.headers['content-type'], body: Buffer.concat(parts) });
			} catch (error) {
				reject(error);
			}
		});
		outgoing.on('error', reject);
		pipeline(req, outgoing).catch(reject);
	});
}

async function handle(req, res) {
	try {
		const answer = await callUpstream(req);
		const headers = answer.type === undefined ? {} : { 'content-type': answer.type };
		finish(res, answer.status, headers, answer.body);
	} catch {
		if (res.headersSent) return;
		finish(
			res,
			502,
			{ 'content-type': 'application/json' },
			JSON.stringify({ error: `upstream unreachable (request ${currentId()})` }),
		);
	}
}

http
	.createServer((req, res) => {
		const store = { id: idFor(req.headers['x-request-id']), began: process.hrtime.bigint(), req };
		context.run(store, () => handle(req, res));
	})
	.listen(Number(process.env.PORT));
