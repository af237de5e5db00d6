// The connection-draining lab: a round-robin balancer with an admin API that drains a backend
// (out of the rotation, its requests in flight left to finish) and undrains it. Judged by what
// the grader's backends receive, what its clients get, and the states and counts the admin API
// reports while the grader holds requests open at the backends.
import { defineLab } from '../../src/harness/index.ts';
import { forwardsMethodAndPath } from '../shared/balancer/forwards-method-and-path.ts';
import { relaysResponse } from '../shared/balancer/relays-response.ts';
import { rotatesInOrder } from '../shared/balancer/rotates-in-order.ts';
import { adminNotProxied } from './checks/admin-not-proxied.ts';
import { allDrained503 } from './checks/all-drained-503.ts';
import { backendErrorEndsRequest } from './checks/backend-error-ends-request.ts';
import { clientGoneEndsRequest } from './checks/client-gone-ends-request.ts';
import { countsInFlight } from './checks/counts-in-flight.ts';
import { drainStopsNewRequests } from './checks/drain-stops-new-requests.ts';
import { drainedWhenLastEnds } from './checks/drained-when-last-ends.ts';
import { inFlightRequestsFinish } from './checks/in-flight-requests-finish.ts';
import { listsBackends } from './checks/lists-backends.ts';
import { rejectsBadAdminInput } from './checks/rejects-bad-admin-input.ts';
import { rotationStaysFair } from './checks/rotation-stays-fair.ts';
import { undrainReturnsToRotation } from './checks/undrain-returns-to-rotation.ts';

export default defineLab({
	id: 'connection-draining',
	title: 'A balancer that drains a backend without breaking a request',
	entry: 'lb.js',
	// Each check spends most of its time waiting on held requests and a program's start, so two at
	// a time shorten the run without crowding two cores.
	concurrency: 2,
	checks: [
		rotatesInOrder(),
		forwardsMethodAndPath(),
		relaysResponse(),
		listsBackends,
		countsInFlight,
		drainStopsNewRequests,
		inFlightRequestsFinish,
		drainedWhenLastEnds,
		clientGoneEndsRequest,
		backendErrorEndsRequest,
		rotationStaysFair,
		undrainReturnsToRotation,
		allDrained503,
		adminNotProxied,
		rejectsBadAdminInput,
	],
});
