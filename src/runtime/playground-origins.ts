// The services a playground's companions stand for, as functions from a recorded request to the
// answer: the caching lab's origin, the resilient-client lab's flaky origin and the food-delivery
// lab's store and payment service. Each keeps its own count, so a fresh one starts a fresh story.
import type { FakeResponse, RecordedRequest } from '../harness/types.ts';

/** The caching lab's origin. Each answer carries the origin's own request number, so a learner can
 * see a cached answer repeat an old number. `/live/...` answers are `no-store` and `/private/...`
 * ones `private`, which a correct cache never stores; `/missing...` is a 404, also never stored. */
export function originAnswerer(): (request: RecordedRequest) => FakeResponse {
	let served = 0;
	return (request) => {
		served++;
		const path = request.path.split('?')[0] ?? '/';
		const json = (status: number, cacheControl: string, body: unknown): FakeResponse => ({
			status,
			headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl },
			body: JSON.stringify(body),
		});
		if (path.startsWith('/missing')) {
			return json(404, 'no-store', { error: `No such thing at ${path}`, originRequest: served });
		}
		const cacheControl = path.startsWith('/live')
			? 'no-store'
			: path.startsWith('/private')
				? 'private, max-age=60'
				: 'public, max-age=60';
		return json(200, cacheControl, {
			server: 'origin',
			method: request.method,
			path: request.path,
			originRequest: served,
			at: new Date().toISOString(),
		});
	};
}

/** The resilient-client lab's origin: `/busy` answers 503 with `Retry-After: 1` every other time,
 * `/missing` is a 404, and anything else is a 200 numbered by the origin, so a learner can tell a
 * fresh answer from a saved (stale) one. Stopping or slowing it comes from the live view. */
export function flakyOriginAnswerer(): (request: RecordedRequest) => FakeResponse {
	let served = 0;
	let busy = 0;
	return (request) => {
		served++;
		const path = request.path.split('?')[0] ?? '/';
		const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
			status,
			headers: { 'Content-Type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});
		if (path.startsWith('/missing')) return json(404, { error: `No such thing at ${path}` });
		if (path.startsWith('/busy') && ++busy % 2 === 1) {
			return json(503, { error: 'Busy, come back in a second' }, { 'Retry-After': '1' });
		}
		return json(200, { server: 'origin', path: request.path, originRequest: served });
	};
}

/** The food-delivery lab's store and payment service, told apart by path since both are made
 * here: `/kv/{name}` is the key-value store, `POST /charges` charges once per Idempotency-Key.
 * Each companion gets its own answerer, so each keeps its own values and charges. */
export function platformAnswerer(): (request: RecordedRequest) => FakeResponse {
	const values = new Map<string, string>();
	const charges = new Map<string, unknown>();
	let made = 0;
	const json = (status: number, body: unknown): FakeResponse => ({
		status,
		headers: { 'Content-Type': 'application/json' },
		body: JSON.stringify(body),
	});
	return (request) => {
		const kv = /^\/kv\/([^?]+)$/.exec(request.path);
		if (kv) {
			const name = decodeURIComponent(kv[1] ?? '');
			if (request.method === 'PUT') {
				if (request.headers['if-none-match'] === '*' && values.has(name)) return { status: 412 };
				values.set(name, new TextDecoder().decode(request.body));
				return { status: 204 };
			}
			const value = values.get(name);
			return value === undefined ? { status: 404 } : { status: 200, body: value };
		}
		if (request.method === 'POST' && request.path === '/charges') {
			const raw = request.headers['idempotency-key'];
			const key = Array.isArray(raw) ? raw[0] : raw;
			const known = key === undefined ? undefined : charges.get(key);
			if (known) return json(201, known);
			let amountCents: unknown;
			try {
				amountCents = (
					JSON.parse(new TextDecoder().decode(request.body)) as { amountCents?: unknown }
				).amountCents;
			} catch {
				amountCents = undefined;
			}
			if (!Number.isInteger(amountCents))
				return json(400, { error: 'amountCents must be an integer' });
			const charge = { chargeId: `ch_${++made}`, amountCents };
			if (key !== undefined) charges.set(key, charge);
			return json(201, charge);
		}
		return json(404, { error: `Nothing at ${request.path}` });
	};
}
