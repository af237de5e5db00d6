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
	// The heartbeat checks and the ones that wait for a stream to stay open spend most of their
	// time listening to quiet streams; four at a time keep the suite near the longest of those
	// waits.
	concurrency: 4,
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
