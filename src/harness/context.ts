import { CheckFailure, TimingFailure } from './check-failure.ts';
import { startFakeServer } from './fake-server.ts';
import { createRandom } from './random.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS, sendRequest } from './request.ts';
import type { CheckScope } from './scope.ts';
import type { Launcher } from './launch.ts';
import { DEFAULT_LISTEN_TIMEOUT_MS, startProgram, type ProgramHandle } from './start.ts';
import { stretch } from './time-scale.ts';
import type { CheckContext, HarnessEvent, TimeScale } from './types.ts';

export interface ContextSettings {
	scope: CheckScope;
	checkId: string;
	seed: number;
	folder: string;
	entry: string;
	emit: (event: HarnessEvent) => void;
	/** Every program this check started, oldest first, for reports and diagnostics. */
	programs: ProgramHandle[];
	/** How much this run stretches time limits. */
	scale: TimeScale;
	/** Starts the learner's programs (in a sandbox, for the local runtime's replays); unset, they run
	 * as this process's children. */
	launcher?: Launcher;
}

/** Builds the `ctx` a check runs with. Every resource it hands out is registered with the scope,
 * which tears it down when the check ends, however it ends. */
export function createContext(settings: ContextSettings): CheckContext {
	const { scope, checkId, emit, scale } = settings;
	let servers = 0;
	return {
		time: { factor: scale.factor, stretch: (ms) => stretch(scale, ms) },
		random: createRandom(settings.seed, checkId),
		async start(options) {
			scope.throwIfCancelled();
			return scope.guard(
				startProgram(
					{
						scope,
						folder: settings.folder,
						entry: settings.entry,
						onLine: (line) => emit({ type: 'output', checkId, line }),
						onSpawn: (handle) => settings.programs.push(handle),
						...(settings.launcher ? { launcher: settings.launcher } : {}),
					},
					{
						...options,
						listenTimeoutMs: stretch(scale, options?.listenTimeoutMs ?? DEFAULT_LISTEN_TIMEOUT_MS),
					},
				),
			);
		},
		async fakeServer(options = {}) {
			scope.throwIfCancelled();
			servers++;
			const starting = startFakeServer(
				{ ...options, name: options.name ?? `fake server ${servers}` },
				(error) => scope.cancel(error, true),
			);
			// Registered even if the check is cancelled while the server starts, so it cannot leak.
			starting.then((server) => scope.add(() => server.stop())).catch(() => {});
			return scope.guard(starting);
		},
		request: async (program, request) => {
			scope.throwIfCancelled();
			const timeoutMs = stretch(scale, request.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS);
			return sendRequest(scope, program, { ...request, timeoutMs });
		},
		figure(name, value) {
			emit({ type: 'figure', checkId, name, value });
		},
		sleep: (ms) => scope.sleep(ms),
		fail(message, request) {
			throw new CheckFailure(message, request);
		},
		failTiming(message, request) {
			throw new TimingFailure(message, 'bound', request);
		},
	};
}
