import type { Check } from '../../../src/harness/index.ts';
import { startPool } from '../../shared/balancer/pool.ts';
import { expectCycle, sendSequence } from '../../shared/balancer/rotation.ts';
import { DEFAULTS, health } from '../support/health.ts';
import { expectHealthChecks } from './sends-health-checks.ts';

/** Backends take this long to answer a health check: within the default timeout of 500 ms, so a
 * balancer that falls back to it keeps them, and one whose timeout is missing or tiny drops them. */
const ANSWER_DELAY_MS = 300;
/** The shortest delay: still far above what a missing timeout (NaN, so at once) allows. */
const SHORTEST_DELAY_MS = 100;

/** The default timeout cannot be stretched, so on a slow machine the backends answer sooner
 * instead, keeping the balancer's margin before its timeout as wide as the machine is slow. */
function answerDelayMs(factor: number): number {
	const margin = (DEFAULTS.timeoutMs - ANSWER_DELAY_MS) * factor;
	return Math.max(SHORTEST_DELAY_MS, Math.round(DEFAULTS.timeoutMs - margin));
}

export const usesDefaultSettings: Check = {
	id: 'uses-default-settings',
	title: 'Without HEALTH_* variables, GET /health is sent every 1000 ms with a 500 ms timeout',
	timeoutMs: 10_000,
	async run(ctx) {
		const delayMs = answerDelayMs(ctx.time.factor);
		const settings = health(ctx, {
			intervalMs: undefined,
			timeoutMs: undefined,
			defaultPath: true,
			delayMs,
		});
		const pool = await startPool(ctx, { count: ctx.random.int(2, 3), launch: settings.launch });
		// Long enough for the first check at one interval to be sent and answered, with room to spare.
		const windowMs = DEFAULTS.intervalMs + delayMs + settings.slackMs;
		await ctx.sleep(windowMs);
		// One check at the first interval, one more for a first round at start-up, one to spare.
		const range = { min: 1, max: 3, windowMs };
		for (const backend of pool.backends) expectHealthChecks(ctx, settings, backend, range);
		const hops = await sendSequence(ctx, pool, pool.backends.length);
		const refused = hops.find((hop) => hop.response.status === 503);
		// A refusal here is decided by the clock (a health check answered late), so it is confirmed
		// by a second run, with the delay shortened to match a machine measured as slower, before it
		// is reported.
		if (refused) {
			ctx.failTiming(
				`Expected backends that answer health checks in ${delayMs} ms to stay healthy under the default HEALTH_TIMEOUT_MS of ${DEFAULTS.timeoutMs} ms, but the client got 503`,
				refused.response.request,
			);
		}
		expectCycle(ctx, hops, pool.backends);
	},
};
