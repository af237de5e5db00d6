// The learner writes a module, not a server, so the grader starts a small driver of its own as the
// lab's entry: it imports `./client.js` and exposes `fetchWithRetry` over HTTP, one call per
// `POST /call`. The playground runs the same driver, so Run in the page behaves like the grader.

/** The entry file the grader writes into the program's working copy. */
export const DRIVER_FILE = 'grader-driver.mjs';

/** What the driver reports about one call. `startedAt` is when it called `fetchWithRetry`. */
export interface CallReport {
	ok: boolean;
	/** The resolved value, when `ok`: its fields as found, with their types. */
	value?: { status: unknown; body: unknown; stale: unknown; types: Record<string, string> };
	/** The rejection's message, when not `ok`. */
	error?: string;
	startedAt: number;
	ms: number;
	/** How late the driver's event loop ran at worst during the call: the program's own timers can
	 * have fired that much late, because the machine was busy. */
	lagMs: number;
}

// Plain JavaScript for Node 20 and later, built-in modules only; no template literals inside, so
// it can live in this one. A relative `url` is resolved against ORIGIN, for the playground.
export const DRIVER_SOURCE = `// Written by the grader: it loads your client.js and calls it once per POST /call.
import { createServer } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';

let client;
try {
	client = await import('./client.js');
} catch (error) {
	console.error('client.js could not be loaded: ' + (error && error.message));
	process.exit(1);
}
if (typeof client.fetchWithRetry !== 'function') {
	console.error('client.js must export a function named fetchWithRetry');
	process.exit(1);
}

// Node loads fetch on its first use, which can take a second on a busy machine: load it now, with
// one request to this driver's own server, so that it does not eat into the first call's time
// limit. Calls wait for it. (It used to go to a throwaway server on a port of the system's choice,
// which could be the PORT the grader had just picked: the grader then took the throwaway server
// for this one, and its call was cut off when that server closed.)
let warmedUp;
const warmed = new Promise((resolve) => (warmedUp = resolve));
async function warmUp() {
	try {
		await (await fetch('http://127.0.0.1:' + process.env.PORT + '/__warm-up')).text();
	} catch {
		// A client that does not use fetch loses nothing.
	}
	warmedUp();
}

const send = (res, status, value) => {
	res.writeHead(status, { 'Content-Type': 'application/json' });
	res.end(JSON.stringify(value));
};

async function call(input) {
	const origin = process.env.ORIGIN || '';
	const url = typeof input.url === 'string' && input.url.startsWith('/') ? origin + input.url : input.url;
	const args = input.options === undefined ? [url] : [url, input.options];
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	const startedAt = Date.now();
	const end = () => {
		lag.disable();
		return { startedAt, ms: Date.now() - startedAt, lagMs: Math.round(lag.max / 1e6) };
	};
	try {
		const value = await client.fetchWithRetry(...args);
		const fields = value !== null && typeof value === 'object' ? value : {};
		const types = { value: typeof value, status: typeof fields.status, body: typeof fields.body, stale: typeof fields.stale };
		const body = typeof fields.body === 'string' ? fields.body : null;
		return { ok: true, value: { status: fields.status, body, stale: fields.stale, types }, ...end() };
	} catch (error) {
		const message = error instanceof Error ? error.message : String(error);
		return { ok: false, error: message, ...end() };
	}
}

createServer((req, res) => {
	const chunks = [];
	req.on('data', (chunk) => chunks.push(chunk));
	req.on('end', async () => {
		if (req.url === '/__warm-up') {
			res.end('ok');
			return;
		}
		if (req.method !== 'POST' || req.url !== '/call') {
			send(res, 404, { error: 'Send POST /call with a JSON body {"url": "...", "options": {...}}' });
			return;
		}
		let input;
		try {
			input = JSON.parse(Buffer.concat(chunks).toString('utf8'));
		} catch {
			send(res, 400, { error: 'The body must be JSON: {"url": "...", "options": {...}}' });
			return;
		}
		await warmed;
		send(res, 200, await call(input ?? {}));
	});
}).listen(Number(process.env.PORT), '127.0.0.1', () => void warmUp());
`;
