// Your load balancer, now with a choice of strategy. Run it with:
//   PORT=3000 BACKENDS=http://127.0.0.1:5001,http://127.0.0.1:5002 STRATEGY=ip-hash node lb.js
// You may paste in the forwarding from your round-robin balancer; only the choice of backend is new.
import http from 'node:http';

const port = Number(process.env.PORT ?? 3000);
const strategy = process.env.STRATEGY ?? 'least-connections';

// TODO: read BACKENDS (base URLs separated by commas) into a list. Next to each backend, keep a
// count of the requests you have sent it that are not finished yet.

// TODO (least-connections): pick the backend with the fewest requests in flight. Add one to its
// count when you choose it, and take one away when the answer to the client is finished, whether
// that answer came from the backend or was your own 502.

// TODO (ip-hash): find the client's address, the last entry of X-Forwarded-For if the request
// has one (the proxy in front of you added it; earlier entries may be made up by the client),
// otherwise req.socket.remoteAddress. Turn it into a number that is always the same for
// the same address (node:crypto's createHash helps) and use the remainder after dividing by the
// number of backends.

const server = http.createServer((req, res) => {
	// TODO: choose a backend with the strategy, then forward the request as in round-robin: same
	// method, path with query string, headers and body, plus X-Forwarded-For with the client's
	// address appended ("<existing>, <client>").

	// TODO: pass the backend's status code, headers and body back to the client, and answer 502
	// if the backend cannot be reached.

	res.writeHead(501, { 'Content-Type': 'text/plain' });
	res.end(`Not implemented yet: choose a backend by ${strategy}!\n`);
});

server.listen(port, '127.0.0.1', () => {
	console.log(`Load balancer listening on port ${port}`);
});
