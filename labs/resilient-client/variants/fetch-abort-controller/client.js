// fetchWithRetry with fetch and a hand-made AbortController per attempt, a small class for the
// saved answers, and Retry-After taken as the larger of the server's wish and the jittered wait.

class LastGood {
	#answers = new Map();

	remember(url, status, body) {
		this.#answers.set(url, { status, body, savedAt: Date.now() });
	}

	recall(url) {
		return this.#answers.get(url);
	}
}

const lastGood = new LastGood();
const WORTH_RETRYING = [408, 429, 502, 503, 504];

function delay(ms) {
	return new Promise((resolve) => setTimeout(resolve, ms));
}

async function getOnce(url, timeoutMs) {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new Error('attempt timed out')), timeoutMs);
	try {
		const res = await fetch(url, { signal: controller.signal });
		return { status: res.status, body: await res.text(), headers: res.headers };
	} finally {
		clearTimeout(timer);
	}
}

export async function fetchWithRetry(url, { timeoutMs = 2000, retries = 2, baseDelayMs = 100, maxDelayMs = 1000 } = {}) {
	let retry = 0;
	let reason = 'no attempt made';
	while (true) {
		let wait = Math.random() * Math.min(maxDelayMs, baseDelayMs * 2 ** retry);
		try {
			const answer = await getOnce(url, timeoutMs);
			if (!WORTH_RETRYING.includes(answer.status)) {
				if (answer.status >= 200 && answer.status < 300) lastGood.remember(url, answer.status, answer.body);
				return { status: answer.status, body: answer.body, stale: false };
			}
			reason = `status ${answer.status}`;
			const header = answer.headers.get('retry-after') ?? '';
			if (/^\d+$/.test(header)) wait = Math.min(Math.max(wait, Number(header) * 1000), maxDelayMs);
		} catch (error) {
			reason = error.message;
		}
		if (retry === retries) break;
		retry += 1;
		await delay(wait);
	}
	const saved = lastGood.recall(url);
	if (saved) return { status: saved.status, body: saved.body, stale: true };
	throw new Error(`gave up on ${url} after ${retries + 1} attempts (${reason})`);
}
