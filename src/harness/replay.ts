import { CheckFailure } from './check-failure.ts';
import { createContext } from './context.ts';
import { curlLine } from './curl.ts';
import type { Launcher } from './launch.ts';
import { DEFAULT_CHECK_TIMEOUT_MS } from './runner.ts';
import { CheckScope } from './scope.ts';
import type { ProgramHandle } from './start.ts';
import { measureTimeScale } from './time-scale.ts';
import type {
	Check,
	CheckContext,
	FakeServer,
	GraderRequestLine,
	LabDefinition,
	LearnerProgram,
	TimeScale,
} from './types.ts';

// Runs one check the way the runner does (same context, same seed, same random data, same fake
// servers, same environment for the program) but leaves what it set up running afterwards, so a
// learner can send the failing request again by hand. The check's own `stop()` calls are held back
// until the replay is stopped; `behave()` changes stay, since they are part of what the check saw.
// This file only adds to the harness: it uses createContext as the runner does and changes nothing.

export interface ReplaySetup {
	check: Check;
	seed: number;
	/** The program the check started last, still running. */
	program: LearnerProgram | undefined;
	/** The environment the check gave that program, `PORT` included. */
	env: Record<string, string>;
	/** Every fake server the check started, still running, in the order it started them. */
	servers: FakeServer[];
	/** The check's failure message, or undefined when it passed. */
	failure: string | undefined;
	/** The request to send again: the one the failure names, else the last one the check sent. */
	request: GraderRequestLine | undefined;
	curl: string | undefined;
	/** Stops the program and the fake servers, and removes the working copy. */
	stop(): Promise<void>;
}

export interface ReplayOptions {
	folder: string;
	seed: number;
	/** Each line the program prints while the check runs and afterwards. */
	onLine?: (line: string) => void;
	timeScale?: TimeScale;
	/** Starts the program the check starts; the local runtime's replays put it in the sandbox a
	 * Run press's program runs in. */
	launcher?: Launcher;
	/** Cuts the check short (the page pressed Stop while it ran); what it started is still handed
	 * over, for `stop` to end. */
	signal?: AbortSignal;
}

export async function replayCheck(
	lab: LabDefinition,
	checkId: string,
	options: ReplayOptions,
): Promise<ReplaySetup> {
	const check = lab.checks.find((candidate) => candidate.id === checkId);
	if (!check)
		throw new Error(
			`Lab ${lab.id} has no check "${checkId}". Its checks: ${lab.checks.map((c) => c.id).join(', ')}`,
		);
	const scope = new CheckScope();
	const programs: ProgramHandle[] = [];
	const servers: FakeServer[] = [];
	const held: (() => Promise<void>)[] = [];
	let stopping = false;
	/** Holds back `stop` on the object itself (checks and the harness know these objects by
	 * identity), until the replay is stopped, when it stops for real. */
	const holdStop = (target: { stop(): Promise<void> }) => {
		const stop = target.stop.bind(target);
		target.stop = () => {
			if (stopping) return stop();
			held.push(stop);
			return Promise.resolve();
		};
	};
	let env: Record<string, string> = {};
	let program: LearnerProgram | undefined;
	let lastRequest: GraderRequestLine | undefined;
	const ctx = createContext({
		scope,
		checkId,
		seed: options.seed,
		folder: options.folder,
		entry: lab.entry,
		emit: (event) => {
			if (event.type === 'output') options.onLine?.(event.line);
		},
		programs,
		scale: options.timeScale ?? (await measureTimeScale()),
		...(options.launcher ? { launcher: options.launcher } : {}),
	});
	const replaying: CheckContext = {
		...ctx,
		async start(startOptions) {
			const started = await ctx.start(startOptions);
			holdStop(started);
			env = { ...startOptions?.env, PORT: String(started.port) };
			program = started;
			return started;
		},
		async fakeServer(serverOptions) {
			const server = await ctx.fakeServer(serverOptions);
			holdStop(server);
			servers.push(server);
			return server;
		},
		async request(target, request) {
			const response = await ctx.request(target, request);
			lastRequest = response.request;
			return response;
		},
	};
	let failure: string | undefined;
	let request: GraderRequestLine | undefined;
	// Bounded like a check in a run, so a check that waits on a stalled program still hands over.
	const limitMs = ctx.time.stretch(check.timeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS);
	const abort = () => scope.cancel(new CheckFailure('The replay was stopped'));
	if (options.signal?.aborted) abort();
	else options.signal?.addEventListener('abort', abort);
	const timer = setTimeout(
		() => scope.cancel(new CheckFailure(`The check did not finish within ${limitMs} ms`)),
		limitMs,
	);
	try {
		const running = Promise.resolve().then(() => check.run(replaying));
		running.catch(() => {});
		await scope.guard(running);
	} catch (error) {
		failure = error instanceof Error ? error.message : String(error);
		if (error instanceof CheckFailure && error.request) request = error.request;
	}
	clearTimeout(timer);
	options.signal?.removeEventListener('abort', abort);
	request ??= lastRequest;
	return {
		check,
		seed: options.seed,
		program,
		env,
		servers,
		failure,
		request,
		curl: request && curlLine(request),
		async stop() {
			stopping = true;
			for (const stop of held.splice(0)) await stop().catch(() => {});
			await scope.close();
		},
	};
}
