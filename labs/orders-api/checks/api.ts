// What every orders-api check shares: a random catalogue and token for each run, a started
// program, and small readers that turn a response body into a product or an order, or fail.
import type {
	CheckContext,
	GraderRequestLine,
	GraderResponse,
	LearnerProgram,
	Random,
} from '../../../src/harness/index.ts';

export interface Product {
	id: string;
	name: string;
	priceCents: number;
}

export interface Order {
	id: string;
	productId: string;
	quantity: number;
	totalCents: number;
}

export interface Api {
	program: LearnerProgram;
	products: Product[];
	token: string;
	/** A product of the catalogue, chosen at random. */
	anyProduct(): Product;
	get(path: string): Promise<GraderResponse>;
	/** POSTs a raw body to `/orders` (or `path`), with the right token unless `headers` replaces it. */
	post(body: string, options?: { headers?: Record<string, string>; path?: string }): Promise<GraderResponse>;
}

// Some names are not ASCII on purpose: a Content-Length counted in characters instead of bytes
// truncates them, and that is a real bug worth catching.
const NOUNS = ['lamp', 'kettle', 'notebook', 'crème brûlée torch', 'café grinder', 'backpack', 'mug'];

export function randomCatalogue(random: Random): Product[] {
	const count = random.int(4, 7);
	const products: Product[] = [];
	const ids = new Set<string>();
	while (products.length < count) {
		const id = random.id('p');
		if (ids.has(id)) continue;
		ids.add(id);
		const adjective = random.word(random.int(4, 8));
		products.push({
			id,
			name: `${adjective[0]?.toUpperCase()}${adjective.slice(1)} ${random.pick(NOUNS)}`,
			priceCents: random.int(1, 99_999),
		});
	}
	// Guarantee at least one non-ASCII name, wherever it falls in the list.
	const target = random.pick(products);
	target.name = `${target.name.split(' ')[0]} ${random.pick(NOUNS.filter((noun) => /[^\x00-\x7f]/.test(noun)))}`;
	// File order must not look like a sort, or a program that sorts the list would pass by luck.
	let shuffled = products;
	for (let attempt = 0; attempt < 50 && looksSorted(shuffled); attempt++) shuffled = random.shuffle(products);
	return shuffled;
}

function looksSorted(products: Product[]): boolean {
	const byCodeUnits = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
	const orders: ((a: Product, b: Product) => number)[] = [
		(a, b) => byCodeUnits(a.id, b.id),
		(a, b) => byCodeUnits(a.name, b.name),
		(a, b) => a.name.localeCompare(b.name),
		(a, b) => a.priceCents - b.priceCents,
	];
	return orders.some((compare) => {
		const steps = products.slice(1).map((product, i) => Math.sign(compare(products[i] as Product, product)));
		return steps.every((step) => step <= 0) || steps.every((step) => step >= 0);
	});
}

/** Starts the learner's program with its own catalogue and token, both random for this run. */
export async function startApi(ctx: CheckContext): Promise<Api> {
	const products = randomCatalogue(ctx.random);
	const token = `${ctx.random.word(10)}${ctx.random.int(100_000, 999_999)}`;
	const program = await ctx.start({
		env: { API_TOKEN: token },
		files: { 'products.json': `${JSON.stringify(products, null, '\t')}\n` },
	});
	return {
		program,
		products,
		token,
		anyProduct: () => ctx.random.pick(products),
		get: (path) => ctx.request(program, { method: 'GET', path }),
		post: (body, options = {}) =>
			ctx.request(program, {
				method: 'POST',
				path: options.path ?? '/orders',
				headers: options.headers ?? {
					Authorization: `Bearer ${token}`,
					'Content-Type': 'application/json',
				},
				body,
			}),
	};
}

/** Fails unless the response has the expected status; `what` names the request in the message. */
export function expectStatusFor(ctx: CheckContext, res: GraderResponse, status: number, what: string): void {
	if (res.status !== status) {
		ctx.fail(`Expected status ${status} for ${what}, got ${res.status}${errorHint(res)}`, res.request);
	}
}

/** Shows a little of a JSON error body, because its message usually says what the program thought. */
function errorHint(res: GraderResponse): string {
	const text = res.text();
	if (text.length === 0) return '';
	return ` (body ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)})`;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
	return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Compares only the contract's fields: extra fields in the program's answer are allowed. */
export function sameProduct(value: unknown, product: Product): boolean {
	return (
		isRecord(value) &&
		value['id'] === product.id &&
		value['name'] === product.name &&
		value['priceCents'] === product.priceCents
	);
}

/** Reads an order from a response body, failing with the field that is missing or wrong. */
export function readOrder(ctx: CheckContext, value: unknown, request: GraderRequestLine): Order {
	if (!isRecord(value)) ctx.fail(`Expected an order object, got ${JSON.stringify(value)}`, request);
	const { id, productId, quantity, totalCents } = value;
	if (typeof id !== 'string' || id.length === 0) {
		ctx.fail(`Expected the order's "id" to be a non-empty string, got ${JSON.stringify(id)}`, request);
	}
	if (typeof productId !== 'string') {
		ctx.fail(`Expected the order's "productId" to be a string, got ${JSON.stringify(productId)}`, request);
	}
	if (typeof quantity !== 'number' || typeof totalCents !== 'number') {
		ctx.fail(
			`Expected the order's "quantity" and "totalCents" to be numbers, got ${JSON.stringify(quantity)} and ${JSON.stringify(totalCents)}`,
			request,
		);
	}
	return { id, productId, quantity, totalCents };
}

/** The order's own path, as a client would build it from the id. */
export function orderPath(id: string): string {
	return `/orders/${encodeURIComponent(id)}`;
}

export function describeOrder(order: Order): string {
	return JSON.stringify(order);
}
