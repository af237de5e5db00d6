// Checks for the server-push lab: an order-status stream with server-sent events. Each check starts
// its own program and reads its streams with the lab's own event-stream client, since a stream
// never ends and the harness's request helper waits for an end.
import { defineLab } from '../../src/harness/index.ts';
import { acceptsUpdates } from './checks/accepts-updates.ts';
import { defaultHeartbeat } from './checks/default-heartbeat.ts';
import { deliversLive } from './checks/delivers-live.ts';
import { fansOut } from './checks/fans-out.ts';
import { forgetsClosedClients } from './checks/forgets-closed-clients.ts';
import { identifiesUpdates } from './checks/identifies-updates.ts';
import { keepsOrdersApart } from './checks/keeps-orders-apart.ts';
import { opensStream } from './checks/opens-stream.ts';
import { rejectsBadUpdates } from './checks/rejects-bad-updates.ts';
import { replaysHistory } from './checks/replays-history.ts';
import { resumesAfterLastEventId } from './checks/resumes-after-last-event-id.ts';
import { sendsHeartbeats } from './checks/sends-heartbeats.ts';
import { survivesDisconnects } from './checks/survives-disconnects.ts';

export default defineLab({
	id: 'server-push',
	title: 'An order-status stream with server-sent events',
	entry: 'server.js',
	// The two heartbeat checks spend most of their time listening to quiet streams; three at a
	// time keep the suite near the longer of those waits.
	concurrency: 3,
	checks: [
		acceptsUpdates,
		rejectsBadUpdates,
		opensStream,
		deliversLive,
		replaysHistory,
		identifiesUpdates,
		resumesAfterLastEventId,
		keepsOrdersApart,
		fansOut,
		sendsHeartbeats,
		defaultHeartbeat,
		forgetsClosedClients,
		survivesDisconnects,
	],
});
