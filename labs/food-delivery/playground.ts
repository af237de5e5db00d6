// What the order API runs against when the learner presses Run: one copy of it between a shared
// store and a payment service that dedupes by key, and the lesson's restaurant menu.
import {
	definePlayground,
	type FakeResponse,
	type RecordedRequest,
} from '../../src/harness/index.ts';

/** menu.json: the lesson's restaurant, prices in cents. */
const SAMPLE_MENU = { 'pad-thai': 1150, 'spring-rolls': 600, 'mango-sticky-rice': 725 };

/** The store and payment service, told apart by path since both are made
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

export default definePlayground({
	files: { 'menu.json': `${JSON.stringify(SAMPLE_MENU, null, '\t')}\n` },
	companions: ['store', 'payments'],
	answerer: platformAnswerer,
	env: (urls) => ({ STORE_URL: urls[0] ?? '', PAYMENTS_URL: urls[1] ?? '' }),
});
