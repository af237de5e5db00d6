import type { Check, CheckContext } from '../../../src/harness/index.ts';
import { byteDifference, randomBytes } from '../http/bytes.ts';
import { type LaunchFor, describeBackend, startPool } from './pool.ts';
import { expectOneReceiver, sendSequence } from './rotation.ts';

/** Statuses that carry a body and that no HTTP client follows or retries on its own. */
const STATUSES = [200, 201, 202, 400, 403, 404, 409, 410, 422, 500, 503];

interface Answer {
	status: number;
	headers: Record<string, string>;
	body: Uint8Array;
}

/** Redirects, which `fetch` and other clients follow unless told not to: a balancer must hand them
 * to the client as they are, since the client is the one to decide whether to go there. */
const REDIRECTS = [301, 302, 303, 307, 308];

/** A redirect to another path on the same backend; a balancer that follows it gets there itself
 * and relays that answer's status instead. */
function redirectAnswer(ctx: CheckContext): Answer {
	return {
		status: ctx.random.pick(REDIRECTS),
		headers: {
			location: `/${ctx.random.word(6)}/${ctx.random.id('moved')}`,
			'content-type': 'text/plain',
		},
		body: new TextEncoder().encode(`Moved elsewhere (${ctx.random.word(8)})\n`),
	};
}

function randomAnswer(ctx: CheckContext): Answer {
	return {
		status: ctx.random.pick(STATUSES),
		headers: {
			'content-type': ctx.random.pick(['application/octet-stream', 'image/png', 'application/pdf']),
			[`x-${ctx.random.word(5)}-${ctx.random.word(3)}`]: ctx.random.id('v'),
		},
		body: randomBytes(ctx, ctx.random.int(1, 64 * 1024)),
	};
}

export function relaysResponse(launchFor?: LaunchFor): Check {
	return {
		id: 'relays-response',
		title: "The client receives the backend's status, headers and body unchanged",
		timeoutMs: 10_000,
		async run(ctx: CheckContext) {
			const pool = await startPool(ctx, { count: ctx.random.int(2, 5), launch: launchFor?.(ctx) });
			const answers = new Map<string, Answer>();
			// One backend, a different one each run, answers its request with a redirect.
			const redirecting = ctx.random.int(0, pool.backends.length - 1);
			let answered = 0;
			pool.answer = (request) => {
				const answer = answered++ === redirecting ? redirectAnswer(ctx) : randomAnswer(ctx);
				answers.set(request.path, answer);
				return answer;
			};
			// One request per backend, so every backend's answer has to make it back.
			const hops = await sendSequence(ctx, pool, pool.backends.length);
			hops.forEach((hop, index) => {
				const backend = expectOneReceiver(ctx, hop, index + 1);
				const { response } = hop;
				const answer = answers.get(hop.path);
				if (!answer) {
					ctx.fail(
						`Backend ${backend.number} received ${hop.path} under another path`,
						response.request,
					);
				}
				const from = `from ${describeBackend(backend)}`;
				if (response.status !== answer.status) {
					const hint = REDIRECTS.includes(answer.status)
						? ' (a redirect goes to the client as it is, not followed by the balancer)'
						: '';
					ctx.fail(
						`Expected status ${answer.status} ${from}${hint}, but the client got ${response.status}`,
						response.request,
					);
				}
				for (const [name, value] of Object.entries(answer.headers)) {
					const got = response.headers[name];
					if (got !== value) {
						const shown = got === undefined ? 'no such header' : `${name}: ${String(got)}`;
						ctx.fail(
							`Expected header ${name}: ${value} ${from}, but the client got ${shown}`,
							response.request,
						);
					}
				}
				const difference = byteDifference(response.body, answer.body);
				if (difference) {
					ctx.fail(
						`Expected the body ${from} unchanged, but the client received ${difference}`,
						response.request,
					);
				}
			});
		},
	};
}
