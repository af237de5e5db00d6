// The round-robin lab: a load balancer in front of 2 to 5 fake backends, judged only by what the
// backends receive and what the client gets back.
import { defineLab } from '../../src/harness/index.ts';
import { concurrentRequests } from './checks/concurrent-requests.ts';
import { forwardsBody } from './checks/forwards-body.ts';
import { forwardsHeaders } from './checks/forwards-headers.ts';
import { forwardsMethodAndPath } from './checks/forwards-method-and-path.ts';
import { refusedBackend } from './checks/refused-backend.ts';
import { relaysResponse } from './checks/relays-response.ts';
import { rotatesInOrder } from './checks/rotates-in-order.ts';
import { appendsXForwardedFor, setsXForwardedFor } from './checks/x-forwarded-for.ts';

export default defineLab({
	id: 'round-robin',
	title: 'A round-robin load balancer',
	entry: 'lb.js',
	checks: [
		rotatesInOrder(),
		forwardsMethodAndPath(),
		forwardsHeaders(),
		forwardsBody(),
		setsXForwardedFor(),
		appendsXForwardedFor(),
		relaysResponse(),
		refusedBackend,
		concurrentRequests(),
	],
});
