// What the load-shedding server runs against when the learner presses Run: one upstream, and a
// limit of three in flight. Slow the upstream in the live view (each answer then takes 1.5 s) and
// send traffic: about six requests are under way at once, so half of them should be shed.
import { definePlayground } from '../../src/harness/index.ts';

export default definePlayground({
	files: {},
	companions: ['upstream'],
	env: (urls) => ({
		UPSTREAM_URL: urls[0] ?? '',
		MAX_IN_FLIGHT: '3',
		// Longer than a slowed upstream's answer, so slow requests still succeed.
		UPSTREAM_TIMEOUT_MS: '3000',
	}),
});
