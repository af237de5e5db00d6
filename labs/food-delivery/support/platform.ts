// What every food-delivery check starts: the grader's store and payment service, and one or more
// copies of the learner's API server sharing them, plus helpers to place and judge orders.
import type { CheckContext, GraderResponse, LearnerProgram } from '../../../src/harness/index.ts';
import { expectHeader, expectJson, expectStatus } from '../../../src/harness/index.ts';
import { startPayments, type Payments } from './payments.ts';
import { startStore, type Store } from './store.ts';

/** Far above what a correct API needs; a busy machine can take seconds to start Node. */
export const CHECK_TIMEOUT_MS = 20000;

/** Dish name → price in cents, as written to `menu.json`. */
export type Menu = Record<string, number>;

export interface Platform {
	store: Store;
	payments: Payments;
	apis: LearnerProgram[];
	/** The menu every copy of the API was given. */
	menu: Menu;
}

export interface Item {
	dish: string;
	quantity: number;
}

export interface OrderInput {
	customer: string;
	items: Item[];
}

export interface Order extends OrderInput {
	id: string;
	totalCents: number;
	chargeId: string;
	status: string;
}

/** A menu of its own for every check: made-up dishes at made-up prices, so that a program that
 * knows prices in advance, or takes them from the client, charges the wrong amount. */
export function randomMenu(ctx: CheckContext): Menu {
	const menu: Menu = {};
	const count = ctx.random.int(4, 7);
	while (Object.keys(menu).length < count) {
		menu[`${ctx.random.word(5)}-${ctx.random.word(4)}`] = ctx.random.int(250, 2490);
	}
	return menu;
}

/** What the order must cost: each dish's price on `menu` times its quantity. */
export function totalOf(menu: Menu, items: Item[]): number {
	return items.reduce((sum, item) => sum + (menu[item.dish] ?? Number.NaN) * item.quantity, 0);
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
		const menu = randomMenu(ctx);
		const files = { 'menu.json': `${JSON.stringify(menu, null, '\t')}\n` };
		const apis: LearnerProgram[] = [];
		for (let index = 0; index < count; index++) {
			apis.push(await ctx.start({ env, files, listenTimeoutMs: 8000 }));
		}
		await body({ store, payments, apis, menu });
	} finally {
		await payments.close();
	}
}

/** An order of 1 to `most` different dishes from `menu`, 1 to 4 of each. */
export function randomOrder(ctx: CheckContext, menu: Menu, most = 3): OrderInput {
	const dishes = ctx.random.shuffle(Object.keys(menu)).slice(0, ctx.random.int(1, most));
	return {
		customer: ctx.random.word(7),
		items: dishes.map((dish) => ({ dish, quantity: ctx.random.int(1, 4) })),
	};
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

/** Checks an order answer against what was sent, the menu's prices and the charge the payment
 * service made. */
export function expectOrder(
	ctx: CheckContext,
	res: GraderResponse,
	input: OrderInput,
	menu: Menu,
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
	const totalCents = totalOf(menu, input.items);
	if (charge.amountCents !== totalCents) {
		ctx.fail(
			`Expected the charge to be ${totalCents} cents, the menu's prices times the quantities ordered (${describeItems(menu, input.items)}), got ${charge.amountCents}`,
			res.request,
		);
	}
	const wanted = {
		customer: input.customer,
		items: input.items,
		totalCents,
		chargeId: charge.chargeId,
		status: 'paid',
	};
	for (const [field, value] of Object.entries(wanted)) {
		const got = field === 'items' ? itemsOf(order?.items) : order?.[field as keyof Order];
		if (JSON.stringify(got) !== JSON.stringify(value)) {
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

/** "2 × tofu-rice at 1150" and so on, for messages that show where a total comes from. */
export function describeItems(menu: Menu, items: Item[]): string {
	return items.map((item) => `${item.quantity} × ${item.dish} at ${menu[item.dish]}`).join(', ');
}

/** The items of an answer as dish and quantity alone, in that key order, so that neither extra
 * fields nor the order of keys decides a comparison. */
function itemsOf(value: unknown): unknown {
	if (!Array.isArray(value)) return value;
	return value.map((item: Partial<Item> | null) => ({
		dish: item?.dish,
		quantity: item?.quantity,
	}));
}
