// How a check calls the learner's fetchWithRetry: through the grader's driver, with a scripted
// origin, and the assertions every check shares about what a call resolved or rejected with.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
	TimingFailure,
	type CheckContext,
	type GraderRequestLine,
	type LearnerProgram,
} from '../../../src/harness/index.ts';
import { DRIVER_FILE, DRIVER_SOURCE, type CallReport } from './driver.ts';
import { startOrigin, type Origin } from './origin.ts';

/** How much longer than its limit a wait may look on a machine that is not stalled: timers fire a
 * little late and round trips take a few milliseconds. Stretched by the machine's time scale;
 * stalls come on top, measured per call. */
export const SLACK_MS = 150;

/** A check's own limit: far above what a correct client needs, because each call is bounded by
 * its own wait, and a busy machine can take seconds to start Node and the driver. */
export const CHECK_TIMEOUT_MS = 15000;

export interface RetryOptions {
	timeoutMs?: number;
	retries?: number;
	baseDelayMs?: number;
	maxDelayMs?: number;
}

export interface Setup {
	driver: LearnerProgram;
	origin: Origin;
}

export interface Call {
	report: CallReport;
	/** The worst event-loop delay seen during the call, in the driver and in the grader (which
	 * stamps the origin's arrivals) added: on a busy machine a wait may look that much longer. */
	lagMs: number;
	/** `fetchWithRetry("http://…/x", {"retries":2})`, for messages. */
	label: string;
	/** SLACK_MS stretched by the machine's time scale. */
	slackMs: number;
	line: GraderRequestLine;
}

export interface Value {
	status: number;
	body: string;
	stale: boolean | undefined;
}

/** Starts a scripted origin and the driver that loads the learner's client.js, runs `body`, and
 * closes the origin however the check ends (the driver is the harness's to stop). */
export async function withOrigin(
	ctx: CheckContext,
	body: (setup: Setup) => Promise<void>,
): Promise<void> {
	const origin = await startOrigin();
	try {
		const driver = await ctx.start({
			files: { [DRIVER_FILE]: DRIVER_SOURCE },
			listenTimeoutMs: 10000,
		});
		await body({ driver, origin });
	} finally {
		await origin.close();
	}
}

/** A path no other call in the check uses, so its attempts can be counted apart. */
export function freshPath(ctx: CheckContext): string {
	return `/${ctx.random.word(5)}/${ctx.random.id('r')}`;
}

/** Calls fetchWithRetry once. `waitMs` bounds the whole call; `hang` says why a call that takes
 * longer is wrong, since the usual "no response" would blame the grader's driver. */
export async function call(
	ctx: CheckContext,
	driver: LearnerProgram,
	url: string,
	options: RetryOptions | undefined,
	waitMs: number,
	hang: string,
): Promise<Call> {
	const label = `fetchWithRetry(${JSON.stringify(url)}${options ? `, ${JSON.stringify(options)}` : ''})`;
	const input = options ? { url, options } : { url };
	const lag = monitorEventLoopDelay({ resolution: 10 });
	lag.enable();
	try {
		const res = await ctx.request(driver, {
			method: 'POST',
			path: '/call',
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify(input),
			timeoutMs: waitMs,
		});
		const report = res.json() as CallReport;
		const lagMs = (report.lagMs ?? 0) + Math.round(lag.max / 1e6);
		return { report, lagMs, label, slackMs: ctx.time.stretch(SLACK_MS), line: res.request };
	} catch (error) {
		if (error instanceof TimingFailure && error.message.startsWith('No response')) {
			throw new TimingFailure(
				`Expected ${label} to settle within ${ctx.time.stretch(waitMs)} ms, but it was still waiting: ${hang}`,
				'wait',
			);
		}
		throw error;
	} finally {
		lag.disable();
	}
}

/** The value a call resolved with, or a failure saying what it did instead. */
export function expectValue(ctx: CheckContext, call: Call, why: string): Value {
	const { report, label, line } = call;
	if (!report.ok || !report.value) {
		ctx.fail(`Expected ${label} to resolve (${why}), but it rejected with: ${report.error}`, line);
	}
	const { status, body, stale, types } = report.value;
	if (types['value'] !== 'object') {
		ctx.fail(
			`Expected ${label} to resolve to an object { status, body, stale }, got a value of type ${types['value']}`,
			line,
		);
	}
	if (typeof status !== 'number' || typeof body !== 'string') {
		ctx.fail(
			`Expected ${label} to resolve to { status: number, body: string, stale }, got status of type ${types['status']} and body of type ${types['body']}`,
			line,
		);
	}
	if (stale !== undefined && typeof stale !== 'boolean') {
		ctx.fail(
			`Expected the stale field of what ${label} resolved to to be true, false or absent, got type ${types['stale']}`,
			line,
		);
	}
	return { status, body, stale };
}

/** Fails unless the call resolved with this fresh status and body. */
export function expectFresh(
	ctx: CheckContext,
	call: Call,
	status: number,
	body: string,
	why: string,
): void {
	const value = expectValue(ctx, call, why);
	if (value.status !== status || value.body !== body) {
		ctx.fail(
			`Expected ${call.label} to resolve to status ${status} with the origin's body ${JSON.stringify(body)}, got status ${value.status} with ${JSON.stringify(value.body)}`,
			call.line,
		);
	}
	if (value.stale === true) {
		ctx.fail(
			`Expected ${call.label} to resolve with stale false (the origin answered), got stale true`,
			call.line,
		);
	}
}

/** Fails unless the call rejected. */
export function expectRejection(ctx: CheckContext, call: Call, why: string): void {
	const { report, label, line } = call;
	if (report.ok) {
		const value = report.value;
		ctx.fail(
			`Expected ${label} to reject (${why}), but it resolved to status ${String(value?.status)} with stale ${String(value?.stale)}`,
			line,
		);
	}
}

/** Fails unless the origin saw exactly `count` attempts at `path`. */
export function expectAttempts(
	ctx: CheckContext,
	origin: Origin,
	path: string,
	count: number,
	call: Call,
	why: string,
): number[] {
	const times = origin.arrivals(path);
	if (times.length !== count) {
		ctx.fail(
			`Expected ${count} attempt${count === 1 ? '' : 's'} at ${path} for ${call.label} (${why}), the origin received ${times.length}`,
			call.line,
		);
	}
	return times;
}

/** The longest a wait limited to `limitMs` may look in this call, slack and stalls included. */
export function allowed(call: Call, limitMs: number): number {
	return limitMs + call.slackMs + call.lagMs;
}

/** The shortest a wait of at least `share` × `limitMs` may look in this call: an arrival stamped
 * late by a stall makes the next wait look that much shorter. */
export function earliest(call: Call, limitMs: number, share: number): number {
	return Math.max(0, Math.round(limitMs * share) - call.lagMs);
}
