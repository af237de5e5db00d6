// What the server-push program runs against when the learner presses Run: nothing but itself.
// Heartbeats every five seconds, rather than the default fifteen, so that a learner watching a
// stream sees one soon.
import { definePlayground } from '../../src/harness/index.ts';

export default definePlayground({
	files: {},
	companions: [],
	env: () => ({ HEARTBEAT_MS: '5000' }),
});
