// Clients that go away: requests the grader sends on connections of its own, so that it can close
// one while the backend still holds its request, as a closed tab or a client's own timeout would.
import { request as httpRequest, type ClientRequest } from 'node:http';
import type { CheckContext } from '../../../src/harness/index.ts';
import type { Backend, Farm } from './backends.ts';
import { REACH_MS, freshPath, lineFor, waitUntil } from './traffic.ts';

export interface Leaving {
	path: string;
	backend: Backend;
	/** Closes the client's connection before any answer has come. */
	leave(): void;
}

/** Sends a request that its backend holds, on a connection the grader can close, and waits until
 * it is at a backend. `opened` collects every connection, for the check to close at the end. */
export async function sendLeaving(
	ctx: CheckContext,
	farm: Farm,
	opened: ClientRequest[],
): Promise<Leaving> {
	const path = freshPath(ctx);
	farm.plans.set(path, 'held');
	let status: number | undefined;
	const req = httpRequest({ host: '127.0.0.1', port: farm.program.port, path, agent: false });
	req.on('response', (res) => {
		status = res.statusCode;
		res.resume();
	});
	req.on('error', () => {});
	req.end();
	opened.push(req);
	const reachMs = ctx.time.stretch(REACH_MS);
	await waitUntil(ctx, () => farm.receivers(path).length > 0 || status !== undefined, reachMs);
	const [backend] = farm.receivers(path);
	if (!backend) {
		if (status !== undefined) {
			ctx.fail(
				`Expected GET ${path} to reach a backend, but none received it; the client got ${status}`,
				lineFor(farm, path),
			);
		}
		ctx.failTiming(
			`Expected GET ${path} to reach a backend within ${reachMs} ms, but none had received it`,
			lineFor(farm, path),
		);
	}
	return { path, backend, leave: () => req.destroy() };
}
