// What the draining balancer runs against when the learner presses Run: three backends. Drain one
// with POST /admin/drain and watch the answers stop naming it.
import { definePlayground } from '../../src/harness/index.ts';
import { backendsEnv } from '../shared/balancer/env.ts';
import { THREE_BACKENDS } from '../shared/playground/backends.ts';

export default definePlayground({
	files: {},
	companions: THREE_BACKENDS,
	env: (urls) => backendsEnv(urls),
});
