// What the request-ids service runs against when the learner presses Run: one upstream. Send it a
// request with and without an X-Request-Id and watch the id in the answer and in the log line.
import { definePlayground } from '../../src/harness/index.ts';

export default definePlayground({
	files: {},
	companions: ['upstream'],
	env: (urls) => ({ UPSTREAM_URL: urls[0] ?? '' }),
});
