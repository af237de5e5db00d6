// The health-check settings a check starts the balancer with, and how backends answer those checks.
import type { CheckContext, FakeResponse, RecordedRequest } from '../../../src/harness/index.ts';
import type { Backend, Launch } from '../../shared/balancer/pool.ts';

/** A header the grader puts on its own requests to the health path, so that they are never taken
 * for the balancer's health checks. */
export const CLIENT_MARK = 'x-grader-client';

export interface HealthOptions {
	/** HEALTH_INTERVAL_MS, or undefined to leave it unset and expect the default. */
	intervalMs: number | undefined;
	/** HEALTH_TIMEOUT_MS, or undefined to leave it unset and expect the default. */
	timeoutMs: number | undefined;
	/** Leave HEALTH_PATH unset, so the balancer must use `/health`. */
	defaultPath?: boolean;
	/** The status backends answer health checks with while they behave normally. */
	status?: number;
	/** How long backends take to answer a health check, as given: it is measured against the
	 * balancer's default timeout, which cannot be stretched. */
	delayMs?: number;
}

export interface Health {
	/** The health path the balancer must use. */
	path: string;
	/** The interval and timeout the balancer runs with, stretched by the machine's time scale. */
	intervalMs: number;
	timeoutMs: number;
	/** The room a bound leaves for scheduling, stretched the same way. */
	slackMs: number;
	/** A random word in every health answer's body, to recognise one if a client ever gets it. */
	token: string;
	launch: Launch;
}

export const DEFAULTS = { intervalMs: 1000, timeoutMs: 500, path: '/health' };

/** The scheduling slack the contract grants, plus a margin so that a busy machine does not fail a
 * correct program; stretched by the machine's time scale like the settings it is added to. */
const SLACK_MS = 150 + 100;

/** Worst case from a backend's failure to its last request: two intervals, the timeout, and the
 * slack. Never shorter than what the contract allows. */
export function failureBoundMs(health: Health): number {
	return 2 * health.intervalMs + health.timeoutMs + health.slackMs;
}

/** The same for a backend that recovers: it must get requests again within two intervals. */
export function recoveryBoundMs(health: Health): number {
	return 2 * health.intervalMs + health.slackMs;
}

/** The settings for one check. Times are given as on the reference machine and stretched by the
 * machine's time scale, so every bound keeps its proportion to the intervals and timeouts it is
 * made of: a balancer that waits five intervals is as far outside the bound of two on a slow
 * machine as on a fast one. Defaults are the program's own and cannot be stretched. */
export function health(ctx: CheckContext, options: HealthOptions): Health {
	const path = options.defaultPath ? DEFAULTS.path : `/${ctx.random.word(4)}-${ctx.random.word(5)}`;
	const token = ctx.random.id('health');
	const stretched = (ms: number | undefined) =>
		ms === undefined ? undefined : ctx.time.stretch(ms);
	const intervalMs = stretched(options.intervalMs);
	const timeoutMs = stretched(options.timeoutMs);
	const { delayMs } = options;
	const env: Record<string, string> = {};
	if (intervalMs !== undefined) env['HEALTH_INTERVAL_MS'] = String(intervalMs);
	if (timeoutMs !== undefined) env['HEALTH_TIMEOUT_MS'] = String(timeoutMs);
	if (!options.defaultPath) env['HEALTH_PATH'] = path;
	const isOwn = (request: RecordedRequest) =>
		request.path === path && request.headers[CLIENT_MARK] === undefined;
	const answerOwn = async (_request: RecordedRequest, backend: Backend): Promise<FakeResponse> => {
		if (delayMs) await new Promise((resolve) => setTimeout(resolve, delayMs));
		return {
			status: options.status ?? 200,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ status: 'up', backend: backend.number, token }),
		};
	};
	return {
		path,
		intervalMs: intervalMs ?? DEFAULTS.intervalMs,
		timeoutMs: timeoutMs ?? DEFAULTS.timeoutMs,
		slackMs: ctx.time.stretch(SLACK_MS),
		token,
		launch: { env, isOwn, answerOwn },
	};
}

/** The health checks a backend received: requests to the health path that the grader did not send. */
export function healthChecks(health: Health, requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter((request) => health.launch.isOwn?.(request));
}
