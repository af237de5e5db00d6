// The contract between the check harness and the labs' checks. Labs import only from
// `src/harness/index.ts`; the harness owns ports, processes, fake servers, timeouts and teardown.
// Everything here must run on Node 20 or later with built-in modules only, because the same code
// is bundled into a WebContainer where nothing can be installed.

// The run's events and the machine's time scale are what the page renders too, so they are defined
// in src/shared/, which the browser may import; the harness passes them on unchanged.
export type { HarnessEvent, TimeScale } from '../shared/harness-events.ts';

/** A lab: its learner-facing entry file and its declarative list of checks. */
export interface LabDefinition {
	/** The lab id, which is also its folder name under `labs/`. */
	id: string;
	/** A short human title, shown in reports. */
	title: string;
	/** The file the learner's program is started from, relative to its folder (`server.js`). */
	entry: string;
	/** The checks, reported in this order and started in it, except that checks marked `slow`
	 * start first when several run at once. */
	checks: Check[];
	/** How many checks may run at once (default 1). Worth raising only for checks that spend their
	 * time waiting on timers, such as health-check intervals; results keep the order above. */
	concurrency?: number;
}

/** One check: it starts what it needs through `ctx` and throws `CheckFailure` to fail. */
export interface Check {
	/** Stable kebab-case id, used by fixtures and the JSON report. */
	id: string;
	/** One sentence saying what a passing program does. */
	title: string;
	/** Upper bound for the whole check, start-up included. Defaults to the harness's value. */
	timeoutMs?: number;
	/** The check waits through timers for a second or more (intervals, heartbeats, a default the
	 * contract fixes). In a lab that runs several checks at once, such checks start first, so they
	 * wait beside the short ones instead of after them; results keep the lab's order either way. */
	slow?: boolean;
	run(ctx: CheckContext): Promise<void>;
}

/** What a check gets. Every resource it creates is torn down by the harness after the check. */
export interface CheckContext {
	/** Seeded random data: the same seed replays the same run. */
	random: Random;
	/** Starts the learner's program (`node <entry>`) in a fresh copy of their folder and waits until
	 * it accepts connections on its `PORT`. Rejects with a `CheckFailure` that says whether it crashed,
	 * never listened, or listened elsewhere. */
	start(options?: StartOptions): Promise<LearnerProgram>;
	/** Starts a grader-owned HTTP server on 127.0.0.1 that records every request. */
	fakeServer(options?: FakeServerOptions): Promise<FakeServer>;
	/** Sends one HTTP request to the learner's program (raw path, exact headers). */
	request(program: LearnerProgram, request: GraderRequest): Promise<GraderResponse>;
	/** Reports a figure (for example requests per backend) to the browser and terminal views. */
	figure(name: string, value: number | Record<string, number>): void;
	/** Resolves after `ms`, or rejects when the check has been cancelled. */
	sleep(ms: number): Promise<void>;
	/** Fails the check with a one-line message; `request` adds its `curl` line to the report. */
	fail(message: string, request?: GraderRequestLine): never;
	/** Fails the check because a measured time fell outside a limit. The harness measures the
	 * machine again and runs the check once more before it reports the failure, saying so. */
	failTiming(message: string, request?: GraderRequestLine): never;
	/** How slow this machine runs right now. The harness already stretches the check's `timeoutMs`,
	 * listen timeouts and request timeouts by it; a check stretches what else depends on time: its
	 * tolerances, its waits, and the timing settings it gives a program. */
	time: CheckTime;
}

export interface CheckTime {
	/** 1 on a machine as fast as the reference or faster; 2.5 on one that ran 2.5 times slower. */
	readonly factor: number;
	/** `ms` stretched by the factor, to a whole number of milliseconds. */
	stretch(ms: number): number;
}

export interface StartOptions {
	/** Extra environment variables; `PORT` is always set by the harness. */
	env?: Record<string, string>;
	/** Files the grader writes into the program's working copy, by relative path. One of them may be
	 * the lab's entry file itself, for a lab whose learner writes a module rather than a program. */
	files?: Record<string, string>;
	/** How long to wait for the program to listen. Defaults to the harness's value. */
	listenTimeoutMs?: number;
}

/** The learner's running program. */
export interface LearnerProgram {
	/** `http://127.0.0.1:<port>` */
	url: string;
	port: number;
	/** The last lines it printed (stdout and stderr), newest last. */
	output(): string[];
	/** True once the process has exited. */
	exited(): boolean;
	/** Stops it (its whole process group); idempotent. */
	stop(): Promise<void>;
}

/** A request the grader sends. `path` is sent byte for byte, query string included. */
export interface GraderRequest {
	method?: string;
	path: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
	/** Defaults to the harness's per-request value. */
	timeoutMs?: number;
}

/** Enough of a request to print it as a `curl` line in a failure message. */
export interface GraderRequestLine {
	method: string;
	url: string;
	headers?: Record<string, string>;
	body?: string | Uint8Array;
}

export interface GraderResponse {
	status: number;
	/** Lower-cased header names; repeated headers joined as Node does. */
	headers: Record<string, string | string[] | undefined>;
	body: Uint8Array;
	text(): string;
	/** Parses the body as JSON, or fails the check with a message naming the request. */
	json(): unknown;
	durationMs: number;
	/** The request as sent, for messages. */
	request: GraderRequestLine;
}

/** How a fake server answers. It can be changed while the learner's program runs. */
export type FakeBehaviour =
	| { kind: 'respond' }
	| { kind: 'refuse' }
	| { kind: 'fail'; status?: number }
	| { kind: 'reset' }
	| { kind: 'stall' }
	| { kind: 'slow'; delayMs: number }
	/** Headers promising a longer body, part of it, and a reset `afterMs` later: a server that dies
	 * half way through an answer. */
	| { kind: 'cut'; afterMs: number };

export interface FakeServerOptions {
	/** A label used in messages and figures ("backend 2"). */
	name?: string;
	/** How it answers while behaving normally; defaults to 200 with a JSON body naming the server. */
	respond?: (request: RecordedRequest) => FakeResponse | Promise<FakeResponse>;
	behaviour?: FakeBehaviour;
}

export interface FakeResponse {
	status: number;
	headers?: Record<string, string | string[]>;
	body?: string | Uint8Array;
}

export interface RecordedRequest {
	method: string;
	/** The request target as received, query string included. */
	path: string;
	/** Lower-cased header names. */
	headers: Record<string, string | string[] | undefined>;
	/** Raw header list as received, names in their original case. */
	rawHeaders: string[];
	body: Uint8Array;
	receivedAt: number;
	/** Health checks and other requests are told apart by the check itself, from path and method. */
	remoteAddress: string;
}

export interface FakeServer {
	name: string;
	url: string;
	port: number;
	/** Every request received, oldest first. */
	requests: RecordedRequest[];
	/** Changes how it answers from now on; `refuse` closes the listener so connections are refused. */
	behave(behaviour: FakeBehaviour): Promise<void>;
	stop(): Promise<void>;
}

/** A seedable source of random grader data. */
export interface Random {
	readonly seed: number;
	// Each method is a plain function (`this: void`), so checks may take them apart:
	// `const { word, int } = ctx.random`.
	/** An integer in [min, max]. */
	int(this: void, min: number, max: number): number;
	pick<T>(this: void, items: readonly T[]): T;
	shuffle<T>(this: void, items: readonly T[]): T[];
	/** A lowercase word-like token of the given length, safe in a URL path. */
	word(this: void, length?: number): string;
	/** An id such as `p-4k2j9x`, safe in a URL path without percent-encoding. */
	id(this: void, prefix?: string): string;
}
