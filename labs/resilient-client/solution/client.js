// fetchWithRetry: a GET that copes with a flaky network. Every attempt has its own time limit,
// only failures that may pass are retried, the waits between attempts grow and are random, and
// when everything fails the last good answer for the same URL is served, marked as stale.

/** Statuses that say "not now" rather than "no": the same request may well work a moment later. */
const RETRYABLE = new Set([408, 429, 502, 503, 504]);

/** The last 2xx answer for each URL, kept for the moment the origin cannot be reached. */
const lastGood = new Map();

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** One attempt. Rejects on a refused or reset connection and when timeoutMs runs out, which
 * covers reading the body too: the signal stays attached to the response until it is read. */
async function attempt(url, timeoutMs) {
	const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
	const body = await res.text();
	return { status: res.status, body, retryAfter: res.headers.get('retry-after') };
}

/** Retry-After as milliseconds when it is a whole number of seconds; dates are ignored. */
function retryAfterMs(value) {
	if (value === null || !/^\d+$/.test(value.trim())) return undefined;
	return Number(value) * 1000;
}

export async function fetchWithRetry(url, options = {}) {
	const timeoutMs = options.timeoutMs ?? 2000;
	const retries = options.retries ?? 2;
	const baseDelayMs = options.baseDelayMs ?? 100;
	const maxDelayMs = options.maxDelayMs ?? 1000;

	let lastProblem;
	for (let number = 0; number <= retries; number++) {
		// Full jitter: anywhere between 0 and a ceiling that doubles with each retry, so clients
		// that failed together do not come back together.
		let waitMs = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** number);
		try {
			const answer = await attempt(url, timeoutMs);
			if (!RETRYABLE.has(answer.status)) {
				if (answer.status >= 200 && answer.status < 300) lastGood.set(url, answer);
				return { status: answer.status, body: answer.body, stale: false };
			}
			lastProblem = new Error(`the origin answered ${answer.status}`);
			// The server knows best how long it needs, but the caller's limit on any one wait wins.
			const asked = retryAfterMs(answer.retryAfter);
			if (asked !== undefined) waitMs = Math.min(asked, maxDelayMs);
		} catch (error) {
			// Refused, reset or timed out: the request may never have arrived, so try again.
			lastProblem = error;
		}
		if (number < retries) await sleep(waitMs);
	}

	const saved = lastGood.get(url);
	if (saved) return { status: saved.status, body: saved.body, stale: true };
	throw new Error(`GET ${url} failed after ${retries + 1} attempts: ${lastProblem?.message}`, {
		cause: lastProblem,
	});
}
