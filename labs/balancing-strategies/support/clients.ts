// Clients told apart by X-Forwarded-For, for judging IP hash: the grader's own connections all come
// from 127.0.0.1, so the header is how it plays many clients.
import type { CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import {
	type Backend,
	type Pool,
	numbers,
	receiversOf,
	uniquePath,
} from '../../shared/balancer/pool.ts';

/** How many requests the grader has in the air at once; IP hash must not depend on timing. */
const BATCH = 8;

/** `count` different public-looking IPv4 addresses. */
export function clientAddresses(ctx: CheckContext, count: number): string[] {
	const addresses = new Set<string>();
	while (addresses.size < count) {
		const { int } = ctx.random;
		addresses.add(`${int(1, 223)}.${int(0, 255)}.${int(0, 255)}.${int(1, 254)}`);
	}
	return [...addresses];
}

export interface Visit {
	/** The X-Forwarded-For header sent, or undefined for none. */
	forwardedFor: string | undefined;
	response: GraderResponse;
	backend: Backend;
}

/** Sends one GET per entry (an X-Forwarded-For value, or undefined for none), a few at a time,
 * and returns where each went. Each must reach exactly one backend. */
export async function visit(
	ctx: CheckContext,
	pool: Pool,
	headers: (string | undefined)[],
): Promise<Visit[]> {
	const visits: Visit[] = [];
	for (let start = 0; start < headers.length; start += BATCH) {
		const batch = headers.slice(start, start + BATCH);
		const done = await Promise.all(
			batch.map(async (forwardedFor) => {
				const path = uniquePath(ctx);
				const sent = forwardedFor === undefined ? {} : { 'X-Forwarded-For': forwardedFor };
				const response = await ctx.request(pool.program, { path, headers: sent });
				return { forwardedFor, response, receivers: receiversOf(pool, path) };
			}),
		);
		for (const { forwardedFor, response, receivers } of done) {
			const [backend] = receivers;
			const what = `GET ${new URL(response.request.url).pathname}${forwardedFor ? ` from client ${forwardedFor}` : ''}`;
			if (!backend) {
				ctx.fail(
					`Expected ${what} to reach a backend, but none received it; the client got ${response.status}`,
					response.request,
				);
			}
			if (receivers.length > 1) {
				ctx.fail(
					`Expected ${what} to reach one backend, but ${numbers(receivers)} all did`,
					response.request,
				);
			}
			visits.push({ forwardedFor, response, backend });
		}
	}
	return visits;
}

/** Fails unless all `visits`, made for the same client, reached the same backend. */
export function expectSameBackend(ctx: CheckContext, client: string, visits: Visit[]): Backend {
	const [first] = visits;
	if (!first) throw new Error('grader error: no visits');
	const other = visits.find((one) => one.backend !== first.backend);
	if (other) {
		const header = (one: Visit) =>
			one.forwardedFor === undefined
				? 'no X-Forwarded-For'
				: `X-Forwarded-For: ${one.forwardedFor}`;
		ctx.fail(
			`Expected every request from client ${client} to reach the same backend, but with ${header(first)} it reached backend ${first.backend.number} and with ${header(other)} backend ${other.backend.number}`,
			other.response.request,
		);
	}
	return first.backend;
}
