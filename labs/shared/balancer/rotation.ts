// Sending requests one after another and judging the order in which backends received them.
import type { CheckContext, GraderRequest, GraderResponse } from '../../../src/harness/index.ts';
import {
	type Backend,
	type Pool,
	describeBackend,
	numbers,
	receiversOf,
	uniquePath,
} from './pool.ts';

/** One request of a sequence and where it ended up. */
export interface Hop {
	path: string;
	response: GraderResponse;
	receivers: Backend[];
}

export interface SequenceOptions {
	/** A pause between requests, so that the balancer's own timers run in between. */
	gapMs?: number;
	/** Builds each request; by default a GET of the unique path. */
	build?: (path: string) => GraderRequest;
}

/** Sends `count` requests, each after the previous one was answered, and records their receivers. */
export async function sendSequence(
	ctx: CheckContext,
	pool: Pool,
	count: number,
	options: SequenceOptions = {},
): Promise<Hop[]> {
	const hops: Hop[] = [];
	for (let index = 0; index < count; index++) {
		if (index > 0 && options.gapMs) await ctx.sleep(options.gapMs);
		const path = uniquePath(ctx);
		const request = options.build?.(path) ?? { path };
		const response = await ctx.request(pool.program, request);
		hops.push({ path, response, receivers: receiversOf(pool, path) });
	}
	return hops;
}

/** The backend after `backend` among `members`, in BACKENDS order, wrapping around. */
export function nextAfter(backend: Backend, members: Backend[]): Backend {
	const later = members.find((member) => member.number > backend.number);
	return later ?? (members[0] as Backend);
}

export interface CycleOptions {
	/** Every backend passes its health checks, but a check can run past a short timeout on a
	 * machine slower than measured and take a backend out for a round: a request that skips a turn
	 * is then confirmed by a second run before it is reported. A balancer that gets the order wrong
	 * gets it wrong on both runs. */
	skipsMayBeLate?: boolean;
}

/** Fails unless every hop reached exactly one backend of `members` and each one went to the member
 * after the previous hop's. The first hop may go to any member, as the contract allows. */
export function expectCycle(
	ctx: CheckContext,
	hops: Hop[],
	members: Backend[],
	options: CycleOptions = {},
): void {
	let previous: Backend | undefined;
	hops.forEach((hop, index) => {
		const receiver = expectOneReceiver(ctx, hop, index + 1);
		if (!members.includes(receiver)) {
			ctx.fail(
				`Expected request ${index + 1} to reach one of ${numbers(members)}, but it reached backend ${receiver.number}`,
				hop.response.request,
			);
		}
		if (previous) {
			const expected = nextAfter(previous, members);
			if (receiver !== expected) {
				const message = `Expected request ${index + 1} to reach ${describeBackend(expected)} after request ${index} reached backend ${previous.number}, but it reached backend ${receiver.number}`;
				if (options.skipsMayBeLate) ctx.failTiming(message, hop.response.request);
				ctx.fail(message, hop.response.request);
			}
		}
		previous = receiver;
	});
}

/** The single backend a hop reached, or a failure that says what happened instead. */
export function expectOneReceiver(ctx: CheckContext, hop: Hop, number: number): Backend {
	const [receiver] = hop.receivers;
	if (!receiver) {
		const message = `Expected request ${number} (${hop.path}) to reach a backend, but none received it; the client got ${hop.response.status}`;
		// A 503 is a balancer saying it found no healthy backend, which health checks answered late
		// on a busy machine can make it say: confirmed by a second run before it is reported.
		if (hop.response.status === 503) ctx.failTiming(message, hop.response.request);
		ctx.fail(message, hop.response.request);
	}
	if (hop.receivers.length > 1) {
		ctx.fail(
			`Expected request ${number} (${hop.path}) to reach one backend, but ${numbers(hop.receivers)} all received it`,
			hop.response.request,
		);
	}
	return receiver;
}

/** Reports how many of the hops each backend received, for the terminal and browser views. */
export function reportShares(ctx: CheckContext, pool: Pool, hops: Hop[]): void {
	const shares: Record<string, number> = {};
	for (const backend of pool.backends) {
		shares[`backend ${backend.number}`] = hops.filter((hop) =>
			hop.receivers.includes(backend),
		).length;
	}
	ctx.figure('requests per backend', shares);
}
