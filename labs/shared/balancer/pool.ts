// A pool of fake backends with the learner's balancer in front of them. The health-checks lab
// builds on the same pool, adding its settings and answering its health checks through `Launch`.
import type {
	CheckContext,
	FakeResponse,
	FakeServer,
	GraderRequestLine,
	LearnerProgram,
	RecordedRequest,
} from '../../../src/harness/index.ts';
import { backendsEnv } from './env.ts';

export interface Backend {
	/** 1-based position in BACKENDS, as learners count in messages. */
	number: number;
	server: FakeServer;
}

export type Answer = (
	request: RecordedRequest,
	backend: Backend,
) => FakeResponse | Promise<FakeResponse>;

export interface Pool {
	program: LearnerProgram;
	backends: Backend[];
	/** How backends answer the grader's requests; a check may replace it before sending. */
	answer: Answer;
	/** Tells the grader's own requests from those the balancer makes by itself (health checks). */
	isClientRequest(request: RecordedRequest): boolean;
}

/** What a lab adds to the start-up of the balancer. */
export interface Launch {
	env?: Record<string, string>;
	/** Tells a request the balancer made by itself (a health check) from a client's request. */
	isOwn?: (request: RecordedRequest) => boolean;
	/** How backends answer the balancer's own requests. */
	answerOwn?: Answer;
}

/** Builds a lab's start-up from the check's random data (the health-checks lab draws its path). */
export type LaunchFor = (ctx: CheckContext) => Launch;

export interface PoolOptions {
	count: number;
	launch?: Launch | undefined;
	answer?: Answer;
}

/** The answer backends give unless a check says otherwise: it names the backend. */
export const nameBackend = (request: RecordedRequest, backend: Backend): FakeResponse => ({
	status: 200,
	headers: { 'Content-Type': 'application/json' },
	body: JSON.stringify({ backend: backend.number, path: request.path }),
});

export async function startPool(ctx: CheckContext, options: PoolOptions): Promise<Pool> {
	const { env, isOwn = () => false, answerOwn } = options.launch ?? {};
	let answer = options.answer ?? nameBackend;
	const backends: Backend[] = [];
	for (let number = 1; number <= options.count; number++) {
		const server = await ctx.fakeServer({
			name: `backend ${number}`,
			respond: (request) => {
				const backend = backends[number - 1] as Backend;
				return isOwn(request) && answerOwn ? answerOwn(request, backend) : answer(request, backend);
			},
		});
		backends.push({ number, server });
	}
	const urls = backends.map((backend) => backend.server.url);
	const program = await ctx.start({ env: { ...env, ...backendsEnv(urls) } });
	return {
		program,
		backends,
		get answer() {
			return answer;
		},
		set answer(next) {
			answer = next;
		},
		isClientRequest: (request) => !isOwn(request),
	};
}

/** `backend 2 (http://127.0.0.1:41234)` */
export function describeBackend(backend: Backend): string {
	return `backend ${backend.number} (${backend.server.url})`;
}

/** The client requests a backend has received, oldest first. */
export function clientRequests(pool: Pool, backend: Backend): RecordedRequest[] {
	return backend.server.requests.filter((request) => pool.isClientRequest(request));
}

/** The backends that received a client request whose path holds `token`, a unique id the grader
 * put in it. Matching on the token rather than the whole path finds a request whose path the
 * balancer changed, so the message can say how. */
export function receiversOf(pool: Pool, token: string): Backend[] {
	return pool.backends.filter((backend) =>
		clientRequests(pool, backend).some((request) => request.path.includes(token)),
	);
}

/** The one request a backend received for `token`, or a failure that says where it went instead. */
export function receivedOnce(
	ctx: CheckContext,
	pool: Pool,
	token: string,
	sent: GraderRequestLine,
): { backend: Backend; request: RecordedRequest } {
	const receivers = receiversOf(pool, token);
	const [backend] = receivers;
	if (!backend)
		ctx.fail(`Expected a backend to receive ${sent.method} ${pathOf(sent)}, but none did`, sent);
	if (receivers.length > 1) {
		ctx.fail(
			`Expected one backend to receive ${sent.method} ${pathOf(sent)}, but ${numbers(receivers)} all did`,
			sent,
		);
	}
	const request = clientRequests(pool, backend).find((one) => one.path.includes(token));
	return { backend, request: request as RecordedRequest };
}

/** The request target as sent, query string included. */
export function pathOf(line: GraderRequestLine): string {
	return line.url.replace(/^https?:\/\/[^/]+/, '');
}

/** `backends 1 and 3` */
export function numbers(backends: Backend[]): string {
	const list = backends.map((backend) => backend.number);
	if (list.length === 1) return `backend ${list[0]}`;
	return `backends ${list.slice(0, -1).join(', ')} and ${list.at(-1)}`;
}

/** A path no other request in the run uses, so that its receiver can be found. */
export function uniquePath(ctx: CheckContext): string {
	return `/${ctx.random.word(5)}/${ctx.random.id('r')}`;
}
