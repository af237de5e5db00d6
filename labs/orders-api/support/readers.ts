// Turns response bodies into products and orders, comparing only the contract's fields.
import type { CheckContext, GraderRequestLine } from '../../../src/harness/index.ts';
import type { Product } from './catalogue.ts';

export interface Order {
	id: string;
	productId: string;
	quantity: number;
	totalCents: number;
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
		ctx.fail(
			`Expected the order's "id" to be a non-empty string, got ${JSON.stringify(id)}`,
			request,
		);
	}
	if (typeof productId !== 'string') {
		ctx.fail(
			`Expected the order's "productId" to be a string, got ${JSON.stringify(productId)}`,
			request,
		);
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
