import type { IncomingMessage } from 'node:http';

/** Why a request to the local runtime must be refused with 403, or `undefined` to let it through.
 * The runtime starts programs on the learner's machine, so only the site's own pages may reach it:
 * - the `Host` must be the loopback address the site serves, which defeats DNS rebinding (a hostile
 *   name that resolves to 127.0.0.1 still carries its own name in `Host`);
 * - an `Origin`, when the browser sends one, must be the site's own, so no other page can post
 *   commands even blindly;
 * - `Sec-Fetch-Site`, when sent, must say the request came from the same origin (or from the
 *   learner typing the address), which also shuts out other ports of the same machine. */
export function guardRefusal(request: IncomingMessage): string | undefined {
	const port = request.socket.localPort;
	const host = (request.headers.host ?? '').toLowerCase();
	if (port === undefined || !isLoopbackHost(host, port)) {
		return `Host "${request.headers.host ?? ''}" is not this runtime's address; open the course at http://127.0.0.1:${port ?? '<port>'}/`;
	}
	const origin = request.headers.origin;
	if (origin !== undefined && origin.toLowerCase() !== `http://${host}`) {
		return `Origin "${origin}" may not use this runtime; only pages of http://${host} may`;
	}
	const site = request.headers['sec-fetch-site'];
	if (site !== undefined && site !== 'same-origin' && site !== 'none') {
		return `A ${site} request may not use this runtime; only pages of http://${host} may`;
	}
	return undefined;
}

function isLoopbackHost(host: string, port: number): boolean {
	return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}
