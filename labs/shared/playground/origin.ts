// An origin for a playground's companion: the caching lab's origin, which also makes a fine API
// for the batching lab. It keeps its own count, so a fresh one starts a fresh story. Types only:
// playgrounds are loaded at build time and bundled for the WebContainer.
import type { FakeResponse, RecordedRequest } from '../../../src/harness/index.ts';

/** The caching lab's origin. Each answer carries the origin's own request number, so a learner can
 * see a cached answer repeat an old number. `/live/...` answers are `no-store` and `/private/...`
 * ones `private`, which a correct cache never stores; `/missing...` is a 404, also never stored. */
export function originAnswerer(): (request: RecordedRequest) => FakeResponse {
	let served = 0;
	return (request) => {
		served++;
		const path = request.path.split('?')[0] ?? '/';
		const json = (status: number, cacheControl: string, body: unknown): FakeResponse => ({
			status,
			headers: { 'Content-Type': 'application/json', 'Cache-Control': cacheControl },
			body: JSON.stringify(body),
		});
		if (path.startsWith('/missing')) {
			return json(404, 'no-store', { error: `No such thing at ${path}`, originRequest: served });
		}
		const cacheControl = path.startsWith('/live')
			? 'no-store'
			: path.startsWith('/private')
				? 'private, max-age=60'
				: 'public, max-age=60';
		return json(200, cacheControl, {
			server: 'origin',
			method: request.method,
			path: request.path,
			originRequest: served,
			at: new Date().toISOString(),
		});
	};
}
