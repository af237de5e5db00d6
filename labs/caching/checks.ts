// Checks for the caching lab: a proxy in front of a fake origin whose every answer is a new
// version, so the grader can tell a stored answer from a fresh one by its body.
import { defineLab } from '../../src/harness/index.ts';
import { bypassesAuthorized } from './checks/authorization.ts';
import { coalescesMisses } from './checks/concurrency.ts';
import { expiresAfterTtl } from './checks/freshness.ts';
import { invalidatesOnWrite, keepsOnFailedWrite } from './checks/invalidation.ts';
import { forwardsRequest } from './checks/forwarding.ts';
import { originRefused502, returnsResponse } from './checks/responses.ts';
import {
	cachesGet200,
	keyIncludesQuery,
	respectsNoStorePrivate,
	storesOnlyGet200,
} from './checks/storing.ts';

export default defineLab({
	id: 'caching',
	title: 'A caching proxy',
	entry: 'cache.js',
	// Each check starts its own proxy and origin, and the expiry check spends most of a second
	// waiting out the default TTL; three at a time keep the suite near that one wait.
	concurrency: 3,
	checks: [
		forwardsRequest,
		returnsResponse,
		originRefused502,
		cachesGet200,
		keyIncludesQuery,
		expiresAfterTtl,
		storesOnlyGet200,
		respectsNoStorePrivate,
		bypassesAuthorized,
		invalidatesOnWrite,
		keepsOnFailedWrite,
		coalescesMisses,
	],
});
