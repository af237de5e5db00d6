// What every food-delivery check starts: the grader's store and payment service, and one or more
// copies of the learner's API server sharing them, plus helpers to place and judge orders.
import type { CheckContext, GraderResponse, LearnerProgram } from '../../../src/harness/index.ts';
import { expectHeader, expectJson, expectStatus } from '../../../src/harness/index.ts';
import { startPayments, type Payments } from './payments.ts';
import { startStore, type Store } from './store.ts';

/** Far above what a correct API needs; a busy machine can take seconds to start Node. */
export const CHECK_TIMEOUT_MS = 20000;

export interface Platform {
	store: Store;
	payments: Payments;
	apis: LearnerProgram[];
}

export interface OrderInput {
	customer: string;
	amountCents: number;
}

export interface Order extends OrderInput {
	id: string;
	chargeId: string;
	status: string;
}

/** Starts the store, the payment service and `count` API servers, runs `body`, and closes the
 * payment service however the check ends (the rest belongs to the harness). */
export async function withPlatform(
	ctx: CheckContext,
	count: number,
	body: (platform: Platform) => Promise<void>,
): Promise<void> {
	const payments = await startPayments();
	try {
		const store = await startStore(ctx);
		const env = { PAYMENTS_URL: payments.url, STORE_URL: store.server.url };
		const apis: LearnerProgram[] = [];
		for (let index = 0; index < count; index++) {
			apis.push(await ctx.start({ env, listenTimeoutMs: 8000 }));
		}
		await body({ store, payments, apis });
	} finally {
		await payments.close();
	}
}

export function randomOrder(ctx: CheckContext): OrderInput {
	return { customer: ctx.random.word(7), amountCents: ctx.random.int(500, 9999) };
}

/** A fresh Idempotency-Key, as a client makes one per tap on Place order. */
export function newKey(ctx: CheckContext): string {
	return `${ctx.random.word(4)}-${ctx.random.id('k')}`;
}

export function postOrder(
	ctx: CheckContext,
	api: LearnerProgram,
	key: string | undefined,
	body: unknown,
): Promise<GraderResponse> {
	return ctx.request(api, {
		method: 'POST',
		path: '/orders',
		headers: {
			'Content-Type': 'application/json',
			...(key === undefined ? {} : { 'Idempotency-Key': key }),
		},
		body: typeof body === 'string' ? body : JSON.stringify(body),
		timeoutMs: 8000,
	});
}

/** Checks an order answer against what was sent and the charge the payment service made. */
export function expectOrder(
	ctx: CheckContext,
	res: GraderResponse,
	input: OrderInput,
	payments: Payments,
	key: string,
	statuses: number[] = [201],
): Order {
	if (!statuses.includes(res.status)) expectStatus(res, statuses[0] as number);
	const order = expectJson(res) as Partial<Order> | null;
	const charge = payments.charges.get(key)?.[0];
	if (!charge) {
		ctx.fail(
			`Expected a charge made with Idempotency-Key ${key} before the order was confirmed, but the payment service has none under that key`,
			res.request,
		);
	}
	const wanted = { ...input, chargeId: charge.chargeId, status: 'paid' };
	for (const [field, value] of Object.entries(wanted)) {
		const got = order?.[field as keyof Order];
		if (got !== value) {
			ctx.fail(
				`Expected "${field}": ${JSON.stringify(value)} in the order, got ${JSON.stringify(got)}`,
				res.request,
			);
		}
	}
	if (typeof order?.id !== 'string' || order.id === '') {
		ctx.fail(
			`Expected the order to have a non-empty string "id", got ${JSON.stringify(order?.id)}`,
			res.request,
		);
	}
	if (res.status === 201) {
		expectHeader(
			res,
			'Location',
			(value) => value === `/orders/${order.id}`,
			`/orders/${order.id}`,
		);
	}
	return order as Order;
}

/** Fails unless there is exactly one charge under each of `keys`, and none under any other key. */
export function expectCharges(ctx: CheckContext, payments: Payments, keys: string[]): void {
	const other = [...payments.charges.entries()].filter(([key]) => !keys.includes(key));
	const extra = other.reduce((sum, [, list]) => sum + list.length, 0);
	if (extra > 0) {
		const names = other.map(([key]) => key).join(', ');
		ctx.fail(
			`Expected every charge to carry the order's Idempotency-Key, but ${extra} charge${extra === 1 ? '' : 's'} came under other keys (${names}): pass the client's key to the payment service unchanged`,
		);
	}
	for (const key of keys) {
		const made = payments.charges.get(key)?.length ?? 0;
		if (made !== 1) {
			ctx.fail(
				`Expected exactly one charge for the order with Idempotency-Key ${key}, the payment service made ${made}`,
			);
		}
	}
}

/** GET /orders/{id} on `api` must return the same order. */
export async function expectStored(
	ctx: CheckContext,
	api: LearnerProgram,
	order: Order,
	where: string,
): Promise<void> {
	const res = await ctx.request(api, { path: `/orders/${order.id}` });
	if (res.status !== 200) {
		ctx.fail(
			`Expected GET /orders/${order.id} on ${where} to find the order (200), got ${res.status}: keep orders in the store, which every server shares`,
			res.request,
		);
	}
	const got = expectJson(res) as Partial<Order> | null;
	if (got?.id !== order.id || got?.chargeId !== order.chargeId) {
		ctx.fail(
			`Expected GET /orders/${order.id} on ${where} to return the order as created, got ${res.text().slice(0, 120)}`,
			res.request,
		);
	}
}
