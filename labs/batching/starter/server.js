// Batch endpoint starter. POST /batch already works for well-behaved batches, but it asks the API
// one sub-request after another, trusts whatever body it is sent, and falls over when the API does.
import { createServer } from 'node:http';

const PORT = Number(process.env.PORT ?? 3000);
const API_URL = process.env.API_URL ?? 'http://127.0.0.1:4000';

function sendJson(res, status, body) {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(body));
}

async function readBody(req) {
	const chunks = [];
	for await (const chunk of req) chunks.push(chunk);
	return Buffer.concat(chunks).toString('utf8');
}

const server = createServer(async (req, res) => {
	// TODO: only POST /batch exists: other methods get 405 with Allow: POST, other paths 404.

	// TODO: a body that is not a valid batch gets 400 with {"error": "..."}; more than 50
	//       sub-requests get 413. Check everything before the first sub-request is sent.
	const { requests } = JSON.parse(await readBody(req));

	const responses = [];
	// TODO: send the sub-requests at the same time, but never more than 10 at once, and keep the
	//       answers in the order of the list.
	for (const sub of requests) {
		// TODO: a method other than GET gets {"status": 405} and is not sent.
		// TODO: when the API cannot be reached, this sub-request alone gets {"status": 502}.
		const answer = await fetch(API_URL + sub.path);
		responses.push({ status: answer.status, body: await answer.json() });
	}
	sendJson(res, 200, { responses });
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Batch endpoint on http://127.0.0.1:${PORT}/batch`);
});
