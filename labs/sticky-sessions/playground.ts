// What the sticky balancer runs against when the learner presses Run: three backends, and the
// affinity cookie under its default name.
import { definePlayground } from '../../src/harness/index.ts';
import { backendsEnv } from '../shared/balancer/env.ts';
import { THREE_BACKENDS } from '../shared/playground/backends.ts';

export default definePlayground({
	files: {},
	companions: THREE_BACKENDS,
	env: (urls) => ({ ...backendsEnv(urls), COOKIE_NAME: 'lb_affinity' }),
});
