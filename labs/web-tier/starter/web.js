// Web server starter. It already answers every request by reading a file from PUBLIC_DIR, but it
// trusts the path it is given, labels nothing and knows nothing of the application server yet.
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import { join } from 'node:path';

const PORT = Number(process.env.PORT ?? 3000);
const PUBLIC_DIR = process.env.PUBLIC_DIR ?? 'public';
// TODO: read APP_URL, the application server's base URL (such as http://127.0.0.1:4000).

const server = createServer(async (req, res) => {
	// TODO: send every request whose path starts with /api/ to APP_URL (same method, path and query,
	//       headers and body) and relay its status, headers and body; answer 502 if it cannot be
	//       reached.

	// TODO: any method other than GET or HEAD gets 405 with an Allow header.

	// TODO: drop the query string, percent-decode the path once, and refuse (403 or 404) any path that
	//       could end up outside PUBLIC_DIR: ".." segments, backslashes, NUL bytes, absolute paths.
	//       Right now a request for /../secret.txt reads a file next to the folder!
	const file = join(PUBLIC_DIR, req.url);

	// TODO: a path ending in / (or naming a folder) serves that folder's index.html.
	try {
		const data = await readFile(file);
		// TODO: Content-Type from the file's extension (application/octet-stream when unknown).
		res.writeHead(200);
		res.end(data);
	} catch {
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		res.end('Not found\n');
	}
});

server.listen(PORT, '127.0.0.1', () => {
	console.log(`Web server on http://127.0.0.1:${PORT}, serving ${PUBLIC_DIR}`);
});
