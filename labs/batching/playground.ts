// What the batch endpoint runs against when the learner presses Run. The caching lab's origin makes
// a fine API: JSON for any path, and 404 for `/missing...`.
import { definePlayground } from '../../src/harness/index.ts';
import { originAnswerer } from '../shared/playground/origin.ts';

export default definePlayground({
	files: {},
	companions: ['API'],
	answerer: originAnswerer,
	env: (urls) => ({ API_URL: urls[0] ?? '' }),
});
