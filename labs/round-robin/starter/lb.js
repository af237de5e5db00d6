// Your load balancer. Run it with:
//   PORT=3000 BACKENDS=http://127.0.0.1:5001,http://127.0.0.1:5002 node lb.js
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);

// TODO: read BACKENDS (base URLs separated by commas) into a list you can index.

// TODO: keep track of whose turn it is, so that each request goes to the backend after the one
// that got the previous request, wrapping around at the end of the list.

const server = http.createServer((req, res) => {
	// TODO: pick the backend whose turn it is.

	// TODO: send the backend the same method, path (with its query string), headers and body.
	// Add X-Forwarded-For with the client's address (req.socket.remoteAddress), after any value
	// the request already carries: "<existing>, <client>".

	// TODO: pass the backend's status code, headers and body back to the client.

	// TODO: if the backend cannot be reached, answer 502 instead of crashing.

	res.writeHead(501, { 'Content-Type': 'text/plain' });
	res.end('Not implemented yet: forward me to a backend!\n');
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Load balancer listening on port ${port}`);
});
