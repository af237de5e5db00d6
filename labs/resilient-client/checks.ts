// The resilient-client lab: the learner writes a module, `client.js`, whose fetchWithRetry the
// grader calls through its own driver against a scripted origin that stalls, resets, refuses and
// answers 5xx on cue, and that stamps every attempt's arrival so the waits can be measured.
import { defineLab } from '../../src/harness/index.ts';
import { finalStatusesNotRetried, returnsAnswer } from './checks/answers.ts';
import { backoffWithJitter } from './checks/backoff.ts';
import { usesDefaultOptions } from './checks/defaults.ts';
import { DRIVER_FILE } from './support/driver.ts';
import { fallsBackToLastGood } from './checks/fallback.ts';
import { retriesRefusedConnection } from './checks/refused.ts';
import { honoursRetryAfter } from './checks/retry-after.ts';
import { settlesAfterLastAttempt } from './checks/settles.ts';
import { timesOutSlowBody, waitsForSlowAnswer } from './checks/slow-body.ts';
import {
	retriesResetConnection,
	retriesRetryableStatuses,
	stopsAfterRetries,
} from './checks/retryable.ts';
import { timesOutStalledAttempt } from './checks/timeout.ts';

export default defineLab({
	id: 'resilient-client',
	title: 'A client that survives a flaky network',
	entry: DRIVER_FILE,
	// Most checks wait on timers (time limits, backoff, Retry-After), so four run at once.
	concurrency: 4,
	checks: [
		returnsAnswer,
		finalStatusesNotRetried,
		timesOutStalledAttempt,
		timesOutSlowBody,
		waitsForSlowAnswer,
		retriesRetryableStatuses,
		retriesResetConnection,
		retriesRefusedConnection,
		stopsAfterRetries,
		settlesAfterLastAttempt,
		backoffWithJitter,
		honoursRetryAfter,
		fallsBackToLastGood,
		usesDefaultOptions,
	],
});
