// A client that keeps the balancer's affinity cookie as a browser would: it sends back the last
// value it was given, beside cookies of its own, and reads the Set-Cookie headers of each answer.
import type { CheckContext, GraderResponse } from '../../../src/harness/index.ts';
import {
	type Backend,
	type LaunchFor,
	type Pool,
	numbers,
	receiversOf,
	startPool,
	uniquePath,
} from '../../shared/balancer/pool.ts';

export const DEFAULT_COOKIE = 'lb_affinity';

/** A cookie name of the grader's choosing, so a program that ignores COOKIE_NAME fails. */
export function cookieName(ctx: CheckContext): string {
	return `${ctx.random.word(3)}_${ctx.random.word(4)}`;
}

/** For the shared balancer checks: the balancer started with a random COOKIE_NAME. */
export const withCookieName: LaunchFor = (ctx) => ({ env: { COOKIE_NAME: cookieName(ctx) } });

/** Starts 2 to 5 backends (at least `min`) and the balancer with `name`, or with none set. */
export async function startSticky(
	ctx: CheckContext,
	name: string | undefined,
	min = 2,
): Promise<{ pool: Pool; name: string }> {
	const env = name === undefined ? {} : { COOKIE_NAME: name };
	const pool = await startPool(ctx, { count: ctx.random.int(min, 5), launch: { env } });
	return { pool, name: name ?? DEFAULT_COOKIE };
}

/** The Set-Cookie headers of a response, one string each, as the client received them. */
export function setCookies(response: GraderResponse): string[] {
	const value = response.headers['set-cookie'];
	return value === undefined ? [] : Array.isArray(value) ? value : [value];
}

/** The Set-Cookie header that sets cookie `name`, if there is one (the last, as a browser keeps). */
export function cookieSetting(response: GraderResponse, name: string): string | undefined {
	return setCookies(response).findLast((header) => header.split('=')[0]?.trim() === name);
}

/** The value part of `name=value; Path=/; ...`. */
export function cookieValue(setting: string): string {
	const pair = setting.split(';')[0] ?? '';
	return pair.slice(pair.indexOf('=') + 1).trim();
}

export interface Visit {
	response: GraderResponse;
	backend: Backend;
	/** The affinity Set-Cookie header of the answer, if it had one. */
	setting: string | undefined;
}

export class Session {
	/** The affinity value the client holds, as a browser would keep it. */
	affinity: string | undefined;
	readonly #ctx: CheckContext;
	readonly #pool: Pool;
	readonly #name: string;
	/** Cookies of the client's own, sent with every request in this order. */
	readonly own: string[];
	#turn: number;

	constructor(ctx: CheckContext, pool: Pool, name: string, own: string[] = []) {
		this.#ctx = ctx;
		this.#turn = ctx.random.int(0, own.length);
		this.#pool = pool;
		this.#name = name;
		this.own = own;
	}

	/** The Cookie header this client sends now, or undefined when it has no cookie at all. */
	cookieHeader(): string | undefined {
		const pairs = [...this.own];
		if (this.affinity !== undefined) {
			// Browsers promise no order, so the affinity cookie moves one place along the client's own
			// on every request: first, then after the first of them, and so on round.
			this.#turn++;
			pairs.splice(this.#turn % (pairs.length + 1), 0, `${this.#name}=${this.affinity}`);
		}
		return pairs.length > 0 ? pairs.join('; ') : undefined;
	}

	/** Sends one GET and returns the backend that received it; the request must reach exactly one. */
	async visit(path = uniquePath(this.#ctx)): Promise<Visit> {
		const cookie = this.cookieHeader();
		const response = await this.#ctx.request(this.#pool.program, {
			path,
			...(cookie === undefined ? {} : { headers: { Cookie: cookie } }),
		});
		const receivers = receiversOf(this.#pool, path);
		const [backend] = receivers;
		if (!backend || receivers.length > 1) {
			const got = backend
				? `${numbers(receivers)} all did`
				: `none did (status ${response.status})`;
			this.#ctx.fail(`Expected GET ${path} to reach one backend, but ${got}`, response.request);
		}
		const setting = cookieSetting(response, this.#name);
		if (setting !== undefined) this.affinity = cookieValue(setting);
		return { response, backend, setting };
	}

	/** Visits and fails unless the request reached `expected`; `why` says why it should have. */
	async expectBackend(expected: Backend, why: string): Promise<Visit> {
		const sent = this.affinity;
		const visit = await this.visit();
		if (visit.backend !== expected) {
			this.#ctx.fail(
				`Expected a request with ${this.#name}=${String(sent)} to reach backend ${expected.number}, ${why}, but it reached backend ${visit.backend.number}`,
				visit.response.request,
			);
		}
		return visit;
	}
}
