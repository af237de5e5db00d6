// fetchWithRetry written with node:http and callbacks: each attempt is a callback-style request
// with its own timer, and the retry loop is a chain of callbacks wrapped in one promise.
import http from 'node:http';

const RETRYABLE = [408, 429, 502, 503, 504];
const saved = {}; // url -> { status, body } of the last 2xx answer

function attempt(url, timeoutMs, done) {
	let finished = false;
	const finish = (error, answer) => {
		if (finished) return;
		finished = true;
		clearTimeout(timer);
		done(error, answer);
	};
	const req = http.get(url, (res) => {
		const chunks = [];
		res.on('data', (chunk) => chunks.push(chunk));
		res.on('error', (error) => finish(error));
		res.on('end', () =>
			finish(null, {
				status: res.statusCode,
				body: Buffer.concat(chunks).toString('utf8'),
				retryAfter: res.headers['retry-after'],
			}),
		);
	});
	req.on('error', (error) => finish(error));
	// The limit covers the whole answer, body included; destroying the request ends it.
	const timer = setTimeout(() => {
		req.destroy();
		finish(new Error('timed out after ' + timeoutMs + ' ms'));
	}, timeoutMs);
}

export function fetchWithRetry(url, options) {
	const opts = options || {};
	const timeoutMs = opts.timeoutMs === undefined ? 2000 : opts.timeoutMs;
	const retries = opts.retries === undefined ? 2 : opts.retries;
	const baseDelayMs = opts.baseDelayMs === undefined ? 100 : opts.baseDelayMs;
	const maxDelayMs = opts.maxDelayMs === undefined ? 1000 : opts.maxDelayMs;

	return new Promise((resolve, reject) => {
		const giveUp = (problem) => {
			if (saved[url]) resolve({ status: saved[url].status, body: saved[url].body, stale: true });
			else reject(new Error('GET ' + url + ' failed: ' + problem));
		};
		const tryNumber = (n) => {
			attempt(url, timeoutMs, (error, answer) => {
				if (!error && RETRYABLE.indexOf(answer.status) === -1) {
					if (answer.status >= 200 && answer.status <= 299) saved[url] = answer;
					resolve({ status: answer.status, body: answer.body, stale: false });
					return;
				}
				const problem = error ? error.message : 'status ' + answer.status;
				if (n >= retries) {
					giveUp(problem);
					return;
				}
				let wait = Math.random() * Math.min(maxDelayMs, baseDelayMs * Math.pow(2, n));
				const seconds = answer && /^\d+$/.test(answer.retryAfter || '') ? Number(answer.retryAfter) : NaN;
				if (!Number.isNaN(seconds)) wait = Math.min(seconds * 1000, maxDelayMs);
				setTimeout(() => tryNumber(n + 1), wait);
			});
		};
		tryNumber(0);
	});
}
