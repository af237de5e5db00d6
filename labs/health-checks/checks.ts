// The health-checks lab: the round-robin balancer again, now judged while backends fail, stall and
// recover. Forwarding is checked with the shared balancer checks (labs/shared/balancer/), with health
// checks running.
import { defineLab, type CheckContext } from '../../src/harness/index.ts';
import { concurrentRequests } from '../shared/balancer/concurrent-requests.ts';
import { forwardsBody } from '../shared/balancer/forwards-body.ts';
import { forwardsHeaders } from '../shared/balancer/forwards-headers.ts';
import { forwardsMethodAndPath } from '../shared/balancer/forwards-method-and-path.ts';
import { relaysResponse } from '../shared/balancer/relays-response.ts';
import { rotatesInOrder } from '../shared/balancer/rotates-in-order.ts';
import { appendsXForwardedFor, setsXForwardedFor } from '../shared/balancer/x-forwarded-for.ts';
import { health } from './support/health.ts';
import { noHealthyBackend } from './checks/no-healthy-backend.ts';
import { passiveFailover } from './checks/passive-failover.ts';
import { returnsAfterRecovery } from './checks/returns-after-recovery.ts';
import { sendsHealthChecks } from './checks/sends-health-checks.ts';
import { skipsRedirectingBackend } from './checks/skips-redirecting.ts';
import { skipsFailingBackend, skipsStalledBackend } from './checks/skips-unhealthy.ts';
import { startsHealthy } from './checks/starts-healthy.ts';
import { takeNoTurn } from './checks/take-no-turn.ts';
import { unsafeNotRetried } from './checks/unsafe-not-retried.ts';
import { usesDefaultSettings } from './checks/uses-default-settings.ts';

/** Health checks run during the forwarding checks too, with a timeout generous enough that a busy
 * machine never makes a working backend look unhealthy there. */
const withHealthChecks = (ctx: CheckContext) =>
	health(ctx, { intervalMs: 1000, timeoutMs: 900 }).launch;

export default defineLab({
	id: 'health-checks',
	title: 'Health checks and failover',
	entry: 'lb.js',
	// Most of these checks sleep through health-check intervals, so half of them at a time cut the
	// suite from about 11 s of waiting to about 2 s. Their bounds stretch with the machine's time
	// scale, so the extra programs that run at once cannot make a correct balancer look late.
	concurrency: 9,
	checks: [
		startsHealthy,
		rotatesInOrder(withHealthChecks),
		forwardsMethodAndPath(withHealthChecks),
		forwardsHeaders(withHealthChecks),
		forwardsBody(withHealthChecks),
		setsXForwardedFor(withHealthChecks),
		appendsXForwardedFor(withHealthChecks),
		relaysResponse(withHealthChecks),
		concurrentRequests(withHealthChecks),
		sendsHealthChecks,
		usesDefaultSettings,
		takeNoTurn,
		skipsFailingBackend,
		skipsRedirectingBackend,
		skipsStalledBackend,
		returnsAfterRecovery,
		passiveFailover,
		unsafeNotRetried,
		noHealthyBackend,
	],
});
