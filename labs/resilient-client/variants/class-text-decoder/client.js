// fetchWithRetry written as a class around node:http: the body is decoded as it streams in with a
// TextDecoder that carries split characters over to the next piece, each attempt races a timer
// that destroys the request, and the waits come from node:timers/promises.
import http from 'node:http';
import { setTimeout as wait } from 'node:timers/promises';

const RETRYABLE = new Set([408, 429, 502, 503, 504]);

class RetryingClient {
	/** The last 2xx answer per exact URL string. */
	#saved = new Map();

	/** One attempt: resolves with the whole answer, or rejects on a network failure or the limit. */
	attempt(url, timeoutMs) {
		return new Promise((resolve, reject) => {
			const req = http.get(url, (res) => {
				const decoder = new TextDecoder('utf-8');
				let body = '';
				res.on('data', (piece) => {
					body += decoder.decode(piece, { stream: true });
				});
				res.on('end', () => {
					clearTimeout(timer);
					body += decoder.decode();
					resolve({ status: res.statusCode, body, retryAfter: res.headers['retry-after'] });
				});
				res.on('error', reject);
			});
			req.on('error', (error) => {
				clearTimeout(timer);
				reject(error);
			});
			const timer = setTimeout(() => req.destroy(new Error(`no whole answer in ${timeoutMs} ms`)), timeoutMs);
		});
	}

	/** The wait before retry `n` (1-based): full jitter, or what Retry-After asks, capped. */
	static delay(n, answer, { baseDelayMs, maxDelayMs }) {
		const seconds = answer?.retryAfter;
		if (typeof seconds === 'string' && /^\s*\d+\s*$/.test(seconds)) {
			return Math.min(Number(seconds) * 1000, maxDelayMs);
		}
		return Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** (n - 1));
	}

	async fetch(url, { timeoutMs = 2000, retries = 2, baseDelayMs = 100, maxDelayMs = 1000 } = {}) {
		for (let n = 0; ; n++) {
			let answer;
			try {
				answer = await this.attempt(url, timeoutMs);
				if (!RETRYABLE.has(answer.status)) {
					if (answer.status >= 200 && answer.status < 300) this.#saved.set(url, answer);
					return { status: answer.status, body: answer.body, stale: false };
				}
			} catch {
				answer = undefined;
			}
			if (n >= retries) break;
			await wait(RetryingClient.delay(n + 1, answer, { baseDelayMs, maxDelayMs }));
		}
		const saved = this.#saved.get(url);
		if (!saved) throw new Error(`GET ${url}: every attempt failed`);
		return { status: saved.status, body: saved.body, stale: true };
	}
}

const client = new RetryingClient();

export function fetchWithRetry(url, options) {
	return client.fetch(url, options);
}
