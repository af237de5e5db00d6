// The balancing-strategies lab: one balancer, two ways of choosing a backend. Least connections is
// judged with requests the grader holds open at the backends, so it always knows every backend's
// count; IP hash with many clients told apart by the last X-Forwarded-For entry, which the grader
// appends as the proxy in front of the balancer would. Forwarding is judged by the balancer
// checks the labs share (labs/shared/balancer/), each run with one strategy.
import { defineLab } from '../../src/harness/index.ts';
import { countsOpenAnswers } from './checks/counts-open-answers.ts';
import { forwardsBody } from '../shared/balancer/forwards-body.ts';
import { forwardsHeaders } from '../shared/balancer/forwards-headers.ts';
import { forwardsMethodAndPath } from '../shared/balancer/forwards-method-and-path.ts';
import { relaysResponse } from '../shared/balancer/relays-response.ts';
import { appendsXForwardedFor, setsXForwardedFor } from '../shared/balancer/x-forwarded-for.ts';
import { avoidsBusy } from './checks/avoids-busy.ts';
import { concurrentRequests } from './checks/concurrent.ts';
import { freesFinished } from './checks/frees-finished.ts';
import { ipHashLastAddress } from './checks/ip-hash-last-address.ts';
import { ipHashSocketAddress } from './checks/ip-hash-socket-address.ts';
import { ipHashSpreads } from './checks/ip-hash-spreads.ts';
import { ipHashSticks } from './checks/ip-hash-sticks.ts';
import { refusedIpHash } from './checks/refused-ip-hash.ts';
import { refusedLeastConnections } from './checks/refused-least-connections.ts';
import { withStrategy } from './support/strategy.ts';

const leastConnections = withStrategy('least-connections');
const ipHash = withStrategy('ip-hash');

export default defineLab({
	id: 'balancing-strategies',
	title: 'Least connections and IP hash',
	entry: 'lb.js',
	// Every check starts its own balancer and most spend their time waiting on it, so four at a
	// time shorten the suite without crowding two cores.
	concurrency: 4,
	checks: [
		avoidsBusy,
		freesFinished,
		countsOpenAnswers,
		refusedLeastConnections,
		ipHashSticks,
		ipHashSpreads,
		ipHashLastAddress,
		ipHashSocketAddress,
		refusedIpHash,
		forwardsMethodAndPath(leastConnections),
		forwardsHeaders(ipHash),
		forwardsBody(leastConnections),
		setsXForwardedFor(ipHash),
		appendsXForwardedFor(ipHash),
		relaysResponse(leastConnections),
		concurrentRequests,
	],
});
