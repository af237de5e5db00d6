// What the caching proxy runs against when the learner presses Run: an origin whose answers say
// how they may be cached, and a five-second TTL, long enough to see an answer repeat.
import { definePlayground } from '../../src/harness/index.ts';
import { originAnswerer } from '../shared/playground/origin.ts';

export default definePlayground({
	files: {},
	companions: ['origin'],
	answerer: originAnswerer,
	env: (urls) => ({ ORIGIN: urls[0] ?? '', CACHE_TTL_MS: '5000' }),
});
