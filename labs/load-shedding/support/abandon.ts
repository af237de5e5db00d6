// Clients that give up: requests the upstream never answers, whose connections the grader closes
// once they are at the upstream, as a browser tab closed mid-request or a client's timeout would.
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { CheckContext, GraderRequestLine } from '../../../src/harness/index.ts';
import { freshPath, reached, REACH_MS, waitUntil } from './traffic.ts';
import type { Launched } from './upstream.ts';

export interface Abandoned {
	paths: string[];
	/** One of the requests, for a failure's curl line. */
	example: GraderRequestLine;
}

/** Sends MAX_IN_FLIGHT requests that the upstream stalls, waits until all are at the upstream,
 * then closes every client connection. */
export async function abandon(ctx: CheckContext, launched: Launched): Promise<Abandoned> {
	const { limit, program, upstream } = launched;
	const paths = Array.from({ length: limit }, () => freshPath(ctx));
	const clients: ClientRequest[] = [];
	const answered: string[] = [];
	try {
		for (const path of paths) {
			upstream.plans.set(path, { kind: 'stall' });
			const req = httpRequest({ host: '127.0.0.1', port: program.port, path, agent: false });
			req.on('response', (res) => {
				answered.push(path);
				res.resume();
			});
			req.on('error', () => {});
			req.end();
			clients.push(req);
		}
		const all = () => paths.every((path) => reached(launched, path));
		await waitUntil(ctx, () => all() || answered.length > 0, ctx.time.stretch(REACH_MS));
		if (answered.length > 0) {
			ctx.fail(
				`Expected all ${limit} requests sent together to reach the upstream (MAX_IN_FLIGHT=${limit}), but ${answered.length} of them were answered without reaching it`,
			);
		}
		if (!all()) {
			const count = paths.filter((path) => reached(launched, path)).length;
			ctx.failTiming(
				`Expected all ${limit} requests sent together to reach the upstream (MAX_IN_FLIGHT=${limit}), but only ${count} had reached it after ${ctx.time.stretch(REACH_MS)} ms`,
			);
		}
	} finally {
		for (const req of clients) req.destroy();
	}
	return { paths, example: { method: 'GET', url: `${program.url}${paths[0] ?? '/'}` } };
}

/** The abandoned requests whose upstream connection is still open. */
export function stillOpen(launched: Launched, abandoned: Abandoned): string[] {
	return abandoned.paths.filter((path) =>
		launched.upstream.arrivals.some((arrival) => arrival.path === path && !arrival.abandoned),
	);
}
