// The food-delivery capstone: an order API, started two times over on different ports, that
// shares its orders through the grader's store and charges through the grader's payment service,
// which dedupes by Idempotency-Key and records every charge, so "charged once" can be counted.
// Every check writes its own menu.json, and the charge must follow its prices.
import { defineLab } from '../../src/harness/index.ts';
import {
	createsOrder,
	pricesFromMenu,
	rejectsBadItems,
	rejectsBadRequests,
} from './checks/orders.ts';
import {
	declinedNotRetried,
	paymentsDown502,
	retriesLostAnswer,
	retriesPaymentFailures,
} from './checks/payment-failures.ts';
import { repeatSameOrder, survivesServerCrash } from './checks/shared.ts';
import { waitsForSlowCharge } from './checks/slow-charge.ts';

export default defineLab({
	id: 'food-delivery',
	title: 'Food delivery: orders that are charged exactly once',
	entry: 'api.js',
	// Each check starts its own servers and waits on them, so a few run at once.
	concurrency: 3,
	checks: [
		createsOrder,
		pricesFromMenu,
		rejectsBadRequests,
		rejectsBadItems,
		retriesPaymentFailures,
		retriesLostAnswer,
		declinedNotRetried,
		paymentsDown502,
		waitsForSlowCharge,
		repeatSameOrder,
		survivesServerCrash,
	],
});
