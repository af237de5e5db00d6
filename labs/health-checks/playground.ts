// What the health-checking balancer runs against when the learner presses Run: three backends,
// health checks every second on /health, whose requests the live view counts apart.
import { definePlayground } from '../../src/harness/index.ts';
import { backendsEnv } from '../shared/balancer/env.ts';
import { THREE_BACKENDS } from '../shared/playground/backends.ts';

export default definePlayground({
	files: {},
	companions: THREE_BACKENDS,
	healthPath: '/health',
	env: (urls) => ({
		...backendsEnv(urls),
		HEALTH_INTERVAL_MS: '1000',
		HEALTH_PATH: '/health',
		HEALTH_TIMEOUT_MS: '500',
	}),
});
