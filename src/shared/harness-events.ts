// The events a check run reports, as the harness emits them and the page, the terminal and the
// JSON report render them. They travel from the harness (Node) to the lab workspace (the browser),
// so they live here, where both sides may import them; nothing here may import anything Node-only.

/** What a run measured of the machine it ran on, and how much it stretched time limits. */
export interface TimeScale {
	/** How many times slower than the reference this machine ran: 1 or more, capped. */
	factor: number;
	/** True when the machine measured slower than the cap, so limits were stretched less than the
	 * machine's slowness: a timing failure may then be the machine's. */
	capped: boolean;
	/** Milliseconds from spawning Node to its server listening (mean of the samples). */
	startMs: number;
	/** Milliseconds for a fixed computation (median of the samples). */
	cpuMs: number;
}

/** The stream of structured events a run produces; the browser and terminal render the same stream. */
export type HarnessEvent =
	| {
			type: 'run-start';
			lab: string;
			seed: number;
			checks: { id: string; title: string }[];
			/** The machine as measured before the first check. */
			timeScale: TimeScale;
	  }
	| { type: 'check-start'; id: string; index: number; total: number }
	| {
			type: 'check-end';
			id: string;
			title: string;
			status: 'pass' | 'fail' | 'skip';
			message?: string;
			/** The failing request as a `curl` line, when a request shows the failure. */
			curl?: string;
			/** The last lines the learner's program printed, when relevant. */
			output?: string[];
			/** True when a timing miss made the harness run the check a second time; the status is
			 * the second run's. */
			retried?: boolean;
			durationMs: number;
	  }
	| { type: 'output'; checkId: string; line: string }
	| { type: 'figure'; checkId: string; name: string; value: number | Record<string, number> }
	| {
			type: 'run-end';
			lab: string;
			passed: boolean;
			durationMs: number;
			seed: number;
			/** The largest scale the run used: a check confirmed after a timing miss may have measured
			 * the machine slower than at the start. */
			timeScale: TimeScale;
	  };
