// The messages between a lab workspace in the page and the runtime that runs the lab. The same
// messages travel two ways: to the local runtime (real Node on the learner's machine) as JSON over
// HTTP with a newline-delimited JSON event stream back, and into a WebContainer as files written to
// its file system, named by a short line typed into the session's terminal, with framed lines back
// (see wire.ts). The workspace never needs to know which.
import type { HarnessEvent } from './harness-events.ts';

/** The learner's files for one lab, by path relative to the lab folder (`server.js`). */
export type LabFiles = Record<string, string>;

/** What the page asks the runtime to do. */
export type RuntimeCommand =
	/** Starts the learner's program and the lab's companions (fake backends or origin). */
	| { type: 'run'; lab: string; files: LabFiles }
	/** Stops the learner's program and its companions. */
	| { type: 'stop' }
	/** Sends one request to the running program, as the request console composes it. */
	| {
			type: 'request';
			id: string;
			method: string;
			path: string;
			headers: Record<string, string>;
			body?: string;
	  }
	/** Changes a companion backend while the learner's program runs, for the live view. */
	| { type: 'backend'; index: number; action: 'stop' | 'start' | 'slow' | 'normal' }
	/** Runs the lab's checks on these files; results arrive as `check` events. */
	| { type: 'check'; lab: string; files: LabFiles; seed?: number }
	/** Runs one check again as a check run did (these files, that run's seed, so the same data and
	 * the same fake servers) and leaves the program and the check's fake servers running: `request`
	 * commands go to that program until Stop, Run, another replay or the page going away. The local
	 * runtime only (see `ReplayEvent`). */
	| { type: 'replay'; lab: string; files: LabFiles; seed: number; check: string };

/** What became of a `replay` command, in order: `started` once the check has run again (its
 * program and fake servers still up), or `failed` with why; then `ended` when it is stopped. */
export type ReplayEvent =
	| {
			type: 'replay';
			state: 'started';
			check: string;
			title: string;
			/** The check's failure message this time, or null when it passed. */
			failure: string | null;
			/** Whether the program the check started is still running (one that crashed is not). */
			running: boolean;
			/** The check's fake servers, as it started them. */
			servers: { name: string; url: string }[];
	  }
	| { type: 'replay'; state: 'failed'; check: string; message: string }
	| { type: 'replay'; state: 'ended'; check: string };

/** The state of one companion backend, as the live view draws it. */
export interface BackendState {
	index: number;
	name: string;
	url: string;
	state: 'up' | 'down' | 'slow';
	/** Requests it received from the learner's program, health checks excluded. */
	requests: number;
	/** Health checks it received (requests to the lab's health path). */
	healthChecks: number;
}

/** What the runtime reports back, in order. */
export type RuntimeEvent =
	| { type: 'ready'; runtime: 'local' | 'webcontainer'; node: string }
	| { type: 'started'; lab: string; port: number; backends: BackendState[] }
	| { type: 'output'; stream: 'stdout' | 'stderr'; line: string }
	| { type: 'exited'; code: number | null; signal: string | null }
	| { type: 'stopped' }
	| {
			type: 'response';
			id: string;
			status: number;
			headers: Record<string, string>;
			body: string;
			durationMs: number;
	  }
	| { type: 'request-error'; id: string; message: string }
	/** Sent about every 250 ms while companions run, and whenever one changes state. */
	| { type: 'backends'; at: number; backends: BackendState[] }
	| { type: 'check'; event: HarnessEvent }
	| ReplayEvent
	| { type: 'error'; message: string };

/** The local runtime's HTTP surface, under the site's own origin. */
export const LOCAL_RUNTIME = {
	/** GET: returns `{ token, node }` to a same-origin page; the token authorises the rest. */
	session: '/__runtime/session',
	/** POST a `RuntimeCommand` as JSON with header `X-Runtime-Token`; answers 202 or an error. */
	command: '/__runtime/command',
	/** GET with header `X-Runtime-Token`: a stream of `RuntimeEvent`s, one JSON per line. */
	events: '/__runtime/events',
	/** The largest command body accepted, in bytes; larger ones get 413. */
	maxBodyBytes: 1024 * 1024,
} as const;
