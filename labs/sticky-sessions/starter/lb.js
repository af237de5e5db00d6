// Your load balancer with sticky sessions. Run it with:
//   PORT=3000 BACKENDS=http://127.0.0.1:5001,http://127.0.0.1:5002 node lb.js
// You may paste in your round-robin balancer: new clients are still placed by taking turns.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);

// TODO: read BACKENDS into a list, and COOKIE_NAME (lb_affinity when it is not set).

// TODO: decide on a cookie value for each backend. Clients can edit their cookies, so choose
// values you can look up (a Map from value to backend), never something you would trust blindly,
// such as a URL to connect to.

const server = http.createServer((req, res) => {
	// TODO: look for your cookie in req.headers.cookie ("a=1; lb_affinity=...; b=2"). If its
	// value is one you issued, use that backend; otherwise place the client by round-robin.

	// TODO: forward the request as in round-robin. The client's other cookies must reach the
	// backend; yours may stay in the Cookie header or be taken out.

	// TODO: relay the answer. When you placed the client (or moved it), add
	// "Set-Cookie: <name>=<value>; Path=/; HttpOnly" beside the backend's own Set-Cookie headers,
	// which arrive as an array and must stay separate headers.

	// TODO: if the pinned backend refuses the connection, send the request to another backend and
	// give the client a new cookie for that one.

	res.writeHead(501, { 'Content-Type': 'text/plain' });
	res.end('Not implemented yet: forward me to a backend, and remember which one!\n');
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Load balancer listening on port ${port}`);
});
