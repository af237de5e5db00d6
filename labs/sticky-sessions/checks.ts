// The sticky-sessions lab: a round-robin balancer that pins each client to a backend with a cookie
// of its own. Judged by clients that keep cookies as a browser would; forwarding and the rotation
// for new clients are judged by the shared balancer checks (labs/shared/balancer/), with a random
// COOKIE_NAME set.
import { defineLab } from '../../src/harness/index.ts';
import { concurrentRequests } from '../shared/balancer/concurrent-requests.ts';
import { forwardsBody } from '../shared/balancer/forwards-body.ts';
import { forwardsHeaders } from '../shared/balancer/forwards-headers.ts';
import { forwardsMethodAndPath } from '../shared/balancer/forwards-method-and-path.ts';
import { relaysResponse } from '../shared/balancer/relays-response.ts';
import { rotatesInOrder } from '../shared/balancer/rotates-in-order.ts';
import { appendsXForwardedFor, setsXForwardedFor } from '../shared/balancer/x-forwarded-for.ts';
import { defaultCookieName } from './checks/default-cookie-name.ts';
import { forwardsOtherCookies } from './checks/forwards-other-cookies.ts';
import { ignoresExtendedCookie } from './checks/ignores-extended-cookie.ts';
import { ignoresUnknownCookie } from './checks/ignores-unknown-cookie.ts';
import { relaysBackendCookies } from './checks/relays-backend-cookies.ts';
import { repinsPastTwoDown } from './checks/repins-past-two-down.ts';
import { repinsWhenDown } from './checks/repins-when-down.ts';
import { withCookieName } from './support/session.ts';
import { setsAffinityCookie } from './checks/sets-affinity-cookie.ts';
import { staysPinned } from './checks/stays-pinned.ts';

export default defineLab({
	id: 'sticky-sessions',
	title: 'Sticky sessions',
	entry: 'lb.js',
	// Every check starts its own balancer and spends most of its time waiting on it, so three at a
	// time shorten the suite without crowding two cores.
	concurrency: 3,
	checks: [
		rotatesInOrder(withCookieName),
		setsAffinityCookie,
		staysPinned,
		forwardsOtherCookies,
		relaysBackendCookies,
		repinsWhenDown,
		repinsPastTwoDown,
		ignoresUnknownCookie,
		ignoresExtendedCookie,
		defaultCookieName,
		forwardsMethodAndPath(withCookieName),
		forwardsHeaders(withCookieName),
		forwardsBody(withCookieName),
		setsXForwardedFor(withCookieName),
		appendsXForwardedFor(withCookieName),
		relaysResponse(withCookieName),
		concurrentRequests(withCookieName),
	],
});
