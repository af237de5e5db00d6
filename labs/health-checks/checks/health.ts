// The health-check settings a check starts the balancer with, and how backends answer those checks.
import type { CheckContext, FakeResponse, RecordedRequest } from '../../../src/harness/index.ts';
import type { Backend, Launch } from '../../round-robin/checks/pool.ts';

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
	/** How long backends take to answer a health check. */
	delayMs?: number;
}

export interface Health {
	/** The health path the balancer must use. */
	path: string;
	intervalMs: number;
	timeoutMs: number;
	/** A random word in every health answer's body, to recognise one if a client ever gets it. */
	token: string;
	launch: Launch;
}

export const DEFAULTS = { intervalMs: 1000, timeoutMs: 500, path: '/health' };

/** Worst case from a backend's failure to its last request: two intervals, the timeout, and the
 * scheduling slack the contract grants, plus a margin so that a busy machine does not fail a
 * correct program. Never shorter than what the contract allows. */
export function failureBoundMs(health: Health): number {
	return 2 * health.intervalMs + health.timeoutMs + 150 + 100;
}

/** The same for a backend that recovers: it must get requests again within two intervals. */
export function recoveryBoundMs(health: Health): number {
	return 2 * health.intervalMs + 150 + 100;
}

export function health(ctx: CheckContext, options: HealthOptions): Health {
	const path = options.defaultPath ? DEFAULTS.path : `/${ctx.random.word(4)}-${ctx.random.word(5)}`;
	const token = ctx.random.id('health');
	const env: Record<string, string> = {};
	if (options.intervalMs !== undefined) env['HEALTH_INTERVAL_MS'] = String(options.intervalMs);
	if (options.timeoutMs !== undefined) env['HEALTH_TIMEOUT_MS'] = String(options.timeoutMs);
	if (!options.defaultPath) env['HEALTH_PATH'] = path;
	const isOwn = (request: RecordedRequest) =>
		request.path === path && request.headers[CLIENT_MARK] === undefined;
	const answerOwn = async (_request: RecordedRequest, backend: Backend): Promise<FakeResponse> => {
		if (options.delayMs) await new Promise((resolve) => setTimeout(resolve, options.delayMs));
		return {
			status: options.status ?? 200,
			headers: { 'Content-Type': 'application/json' },
			body: JSON.stringify({ status: 'up', backend: backend.number, token }),
		};
	};
	return {
		path,
		intervalMs: options.intervalMs ?? DEFAULTS.intervalMs,
		timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
		token,
		launch: { env, isOwn, answerOwn },
	};
}

/** The health checks a backend received: requests to the health path that the grader did not send. */
export function healthChecks(health: Health, requests: RecordedRequest[]): RecordedRequest[] {
	return requests.filter((request) => health.launch.isOwn?.(request));
}
