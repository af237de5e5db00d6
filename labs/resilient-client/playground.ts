// What the learner's client module runs against when they press Run. The learner writes a module;
// the grader's driver is the program that runs, and it resolves a URL starting with `/` against
// ORIGIN, so the console can call `{"url": "/menu"}`; the origin is busy every other time on /busy.
import {
	definePlayground,
	type FakeResponse,
	type RecordedRequest,
} from '../../src/harness/index.ts';
import { DRIVER_FILE, DRIVER_SOURCE } from './support/driver.ts';

/** The playground's origin: `/busy` answers 503 with `Retry-After: 1` every other time,
 * `/missing` is a 404, and anything else is a 200 numbered by the origin, so a learner can tell a
 * fresh answer from a saved (stale) one. Stopping or slowing it comes from the live view. */
export function flakyOriginAnswerer(): (request: RecordedRequest) => FakeResponse {
	let served = 0;
	let busy = 0;
	return (request) => {
		served++;
		const path = request.path.split('?')[0] ?? '/';
		const json = (status: number, body: unknown, headers: Record<string, string> = {}) => ({
			status,
			headers: { 'Content-Type': 'application/json', ...headers },
			body: JSON.stringify(body),
		});
		if (path.startsWith('/missing')) return json(404, { error: `No such thing at ${path}` });
		if (path.startsWith('/busy') && ++busy % 2 === 1) {
			return json(503, { error: 'Busy, come back in a second' }, { 'Retry-After': '1' });
		}
		return json(200, { server: 'origin', path: request.path, originRequest: served });
	};
}

export default definePlayground({
	files: { [DRIVER_FILE]: DRIVER_SOURCE },
	companions: ['origin'],
	answerer: flakyOriginAnswerer,
	env: (urls) => ({ ORIGIN: urls[0] ?? '' }),
});
