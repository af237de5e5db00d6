// The load-shedding lab: a server in front of a slow upstream that lets MAX_IN_FLIGHT requests in
// at once and refuses the rest at once, judged by what the upstream receives and holds, by the
// order answers arrive in, and by times measured as ratios of the upstream's own delays.
import { defineLab } from '../../src/harness/index.ts';
import { admitsUpToLimit } from './checks/admits-up-to-limit.ts';
import { cancelsAbandonedUpstream } from './checks/cancels-abandoned-upstream.ts';
import { forwardsRequests } from './checks/forwards-requests.ts';
import { freesSlotOnAnswer } from './checks/frees-slot-on-answer.ts';
import { freesSlotOnDisconnect } from './checks/frees-slot-on-disconnect.ts';
import { freesSlotOnUpstreamError } from './checks/frees-slot-on-upstream-error.ts';
import { healthNeverShed } from './checks/health-never-shed.ts';
import { shedAnswer } from './checks/shed-answer.ts';
import { shedsFast } from './checks/sheds-fast.ts';
import { shedsPastLimit } from './checks/sheds-past-limit.ts';
import { timesOutUpstream } from './checks/times-out-upstream.ts';

export default defineLab({
	id: 'load-shedding',
	title: 'A server that sheds load past its limit',
	entry: 'server.js',
	// Most checks spend their time waiting on the upstream's holds and delays, and their bounds
	// are ratios of those delays, so three at a time shorten the run without crowding two cores
	// or blurring a verdict.
	concurrency: 3,
	checks: [
		forwardsRequests,
		admitsUpToLimit,
		shedsPastLimit,
		shedAnswer,
		shedsFast,
		freesSlotOnAnswer,
		freesSlotOnUpstreamError,
		freesSlotOnDisconnect,
		cancelsAbandonedUpstream,
		timesOutUpstream,
		healthNeverShed,
	],
});
