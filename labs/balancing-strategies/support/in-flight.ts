// A script of held and quick requests for judging least connections. The grader decides when each
// held request is answered, so it always knows how many requests every backend has in flight, and
// every new request must go to a backend that has the fewest at that moment (any of them on a tie).
import type { CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import {
	type Backend,
	type Pool,
	nameBackend,
	numbers,
	receiversOf,
	uniquePath,
} from '../../shared/balancer/pool.ts';

/** Paths under this prefix are held by the backends until the grader releases them. */
const HOLD = '/hold-';
/** How long a request may take to reach a backend before the grader gives up on it. */
const ARRIVAL_MS = 2000;
/** A balancer may count an answer as finished a moment after the client has it (on the socket's
 * close, say); this pause lets that happen before the next request, with room for a busy machine,
 * and grows with the machine's time scale. */
const SETTLE_MS = 60;

interface Held {
	path: string;
	release: () => void;
	response: Promise<GraderResponse | Error>;
}

export class InFlight {
	readonly #ctx: CheckContext;
	readonly #pool: Pool;
	readonly #held = new Map<Backend, Held[]>();
	readonly #gates = new Map<string, () => void>();
	#sent = 0;

	constructor(ctx: CheckContext, pool: Pool) {
		this.#ctx = ctx;
		this.#pool = pool;
		pool.answer = (request, backend) => {
			if (!request.path.startsWith(HOLD)) return nameBackend(request, backend);
			return new Promise((resolve) => {
				this.#gates.set(request.path, () => resolve(nameBackend(request, backend)));
			});
		};
	}

	/** How many of the grader's requests each backend is holding now. */
	count(backend: Backend): number {
		return this.#held.get(backend)?.length ?? 0;
	}

	/** The backends with the fewest held requests. */
	least(among = this.#pool.backends): Backend[] {
		const fewest = Math.min(...among.map((backend) => this.count(backend)));
		return among.filter((backend) => this.count(backend) === fewest);
	}

	/** Sends a request that its backend holds open; resolves once it has arrived there. */
	async hold(): Promise<Backend> {
		const path = `${HOLD}${this.#ctx.random.word(4)}/${this.#ctx.random.id('h')}`;
		const expected = this.least();
		const response = this.#ctx
			.request(this.#pool.program, { path, timeoutMs: 9000 })
			.catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
		const started = Date.now();
		let early: GraderResponse | undefined;
		const arrivalMs = this.#ctx.time.stretch(ARRIVAL_MS);
		while (receiversOf(this.#pool, path).length === 0 && Date.now() - started < arrivalMs) {
			const settled = await Promise.race([response, this.#ctx.sleep(5).then(() => undefined)]);
			if (settled instanceof Error) throw settled;
			// Answered before any backend had it: a 502, or an answer the balancer made up.
			if (settled) early = settled;
			if (early) break;
		}
		const backend = this.#judge(path, receiversOf(this.#pool, path), expected, early);
		const release = () => this.#gates.get(path)?.();
		this.#held.set(backend, [...(this.#held.get(backend) ?? []), { path, release, response }]);
		return backend;
	}

	/** Sends a request that is answered at once and waits for the answer. */
	async quick(): Promise<{ backend: Backend; response: GraderResponse }> {
		const path = uniquePath(this.#ctx);
		const expected = this.least();
		const response = await this.#ctx.request(this.#pool.program, { path });
		const backend = this.#judge(path, receiversOf(this.#pool, path), expected, response);
		await this.#ctx.sleep(this.#ctx.time.stretch(SETTLE_MS));
		return { backend, response };
	}

	/** Lets `backend` answer its oldest held request and waits until the client has that answer. */
	async release(backend: Backend): Promise<void> {
		const held = this.#held.get(backend)?.shift();
		if (!held) throw new Error(`grader error: backend ${backend.number} holds nothing`);
		held.release();
		const response = await held.response;
		if (response instanceof Error) throw response;
		await this.#ctx.sleep(this.#ctx.time.stretch(SETTLE_MS));
	}

	/** Answers everything still held, so no request is left hanging at the end of a check. */
	releaseAll(): void {
		for (const release of this.#gates.values()) release();
	}

	/** The one receiver of `path`, which must be among `expected`, or a failure saying otherwise. */
	#judge(path: string, receivers: Backend[], expected: Backend[], response?: GraderResponse) {
		this.#sent++;
		const label = `request ${this.#sent} (GET ${path})`;
		const line = response?.request ?? { method: 'GET', url: `${this.#pool.program.url}${path}` };
		const [receiver] = receivers;
		if (!receiver) {
			const got = response ? `; the client got ${response.status}` : '';
			this.#ctx.fail(`Expected ${label} to reach a backend, but none received it${got}`, line);
		}
		if (receivers.length > 1) {
			this.#ctx.fail(
				`Expected ${label} to reach one backend, but ${numbers(receivers)} all did`,
				line,
			);
		}
		if (!expected.includes(receiver)) {
			const fewest = this.count(expected[0] as Backend);
			this.#ctx.fail(
				`Expected ${label} to go to the least busy, ${numbers(expected)} with ${fewest} in flight, but it went to backend ${receiver.number} with ${this.count(receiver)} (${this.#summary()})`,
				line,
			);
		}
		return receiver;
	}

	/** `in flight: backend 1: 1, backend 2: 0` */
	#summary(): string {
		const list = this.#pool.backends.map(
			(backend) => `backend ${backend.number}: ${this.count(backend)}`,
		);
		return `in flight: ${list.join(', ')}`;
	}
}
