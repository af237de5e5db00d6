// What every orders-api check starts from: the learner's program, run with a random catalogue and
// token, and a status assertion whose message names the request in words.
import type { CheckContext, GraderResponse, LearnerProgram } from '../../../src/harness/index.ts';
import { randomCatalogue, type Product } from './catalogue.ts';

export interface Api {
	program: LearnerProgram;
	products: Product[];
	token: string;
	/** A product of the catalogue, chosen at random. */
	anyProduct(): Product;
	get(path: string): Promise<GraderResponse>;
	/** POSTs a raw body to `/orders` (or `path`), with the right token unless `headers` replaces it. */
	post(
		body: string,
		options?: { headers?: Record<string, string>; path?: string },
	): Promise<GraderResponse>;
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
export function expectStatusFor(
	ctx: CheckContext,
	res: GraderResponse,
	status: number,
	what: string,
): void {
	if (res.status !== status) {
		ctx.fail(
			`Expected status ${status} for ${what}, got ${res.status}${errorHint(res)}`,
			res.request,
		);
	}
}

/** Shows a little of a JSON error body, because its message usually says what the program thought. */
function errorHint(res: GraderResponse): string {
	const text = res.text();
	if (text.length === 0) return '';
	return ` (body ${JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text)})`;
}
