// The round-robin lab: a load balancer in front of 2 to 5 fake backends, judged only by what the
// backends receive and what the client gets back.
import { defineLab } from '../../src/harness/index.ts';
import { concurrentRequests } from '../shared/balancer/concurrent-requests.ts';
import { forwardsBody } from '../shared/balancer/forwards-body.ts';
import { forwardsHeaders } from '../shared/balancer/forwards-headers.ts';
import { forwardsMethodAndPath } from '../shared/balancer/forwards-method-and-path.ts';
import { relaysResponse } from '../shared/balancer/relays-response.ts';
import { rotatesInOrder } from '../shared/balancer/rotates-in-order.ts';
import { appendsXForwardedFor, setsXForwardedFor } from '../shared/balancer/x-forwarded-for.ts';
import { cutAnswer } from './checks/cut-answer.ts';
import { refusedBackend } from './checks/refused-backend.ts';

export default defineLab({
	id: 'round-robin',
	title: 'A round-robin load balancer',
	entry: 'lb.js',
	// Each check starts its own balancer and backends, and most of its time goes to starting Node
	// and waiting on it, so three at a time shorten the suite; no verdict here rests on a clock but
	// one that is confirmed by a second run.
	concurrency: 3,
	checks: [
		rotatesInOrder(),
		forwardsMethodAndPath(),
		forwardsHeaders(),
		forwardsBody(),
		setsXForwardedFor(),
		appendsXForwardedFor(),
		relaysResponse(),
		refusedBackend,
		cutAnswer,
		concurrentRequests(),
	],
});
