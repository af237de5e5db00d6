// The request-ids lab: a service in the middle of a chain that gives every request one id, keeps
// a well-formed one from its caller, passes it to the grader's upstream and back to the caller,
// and logs each request in one JSON line. Judged by what the upstream receives, what the caller
// gets back, and the lines the program prints.
import { defineLab } from '../../src/harness/index.ts';
import { createsMissingId } from './checks/creates-missing-id.ts';
import { forwardsRequests } from './checks/forwards-requests.ts';
import { keepsIdsApart } from './checks/keeps-ids-apart.ts';
import { keepsIncomingId } from './checks/keeps-incoming-id.ts';
import { logFields } from './checks/log-fields.ts';
import { logsOneJsonLine } from './checks/logs-one-json-line.ts';
import { replacesMalformedId } from './checks/replaces-malformed-id.ts';
import { upstreamFailure502 } from './checks/upstream-failure-502.ts';

export default defineLab({
	id: 'request-ids',
	title: 'A service that carries one request id through the chain',
	entry: 'server.js',
	// Each check is a handful of quick requests, most of their time spent waiting on a program's
	// start and its log lines, so two at a time shorten the run without crowding two cores.
	concurrency: 2,
	checks: [
		keepsIncomingId,
		createsMissingId,
		replacesMalformedId,
		forwardsRequests,
		upstreamFailure502,
		logsOneJsonLine,
		logFields,
		keepsIdsApart,
	],
});
