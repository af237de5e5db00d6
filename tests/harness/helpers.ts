// Shared pieces of the harness tests: a one-check lab around a fixture program, and proof that a
// run left no process behind.
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
	defineLab,
	runLab,
	type CheckContext,
	type HarnessEvent,
	type RunResult,
} from '../../src/harness/index.ts';
import { onSpawn } from '../../src/harness/process-registry.ts';
import { UNIT_SCALE } from '../../src/harness/time-scale.ts';

/** Run options that pin the time scale at 1, for tests that judge messages, bounds and teardown
 * rather than stretching: their limits then read exactly as written whatever else the machine is
 * doing. tests/harness/time-scale.test.ts measures real machines. */
export const PINNED_SCALE = { timeScale: UNIT_SCALE, measure: async () => UNIT_SCALE };

export const programs = join(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'programs');

export interface Observed {
	result: RunResult;
	events: HarnessEvent[];
	/** Every learner process the run started. */
	pids: number[];
	wallMs: number;
}

/** Runs one check against the fixture program `name` and records what happened. */
export async function runOneCheck(
	name: string,
	run: (ctx: CheckContext) => Promise<void>,
	options: { timeoutMs?: number; seed?: number; folder?: string } = {},
): Promise<Observed> {
	const lab = defineLab({
		id: 'test-lab',
		title: 'Test lab',
		entry: 'server.js',
		checks: [{ id: 'the-check', title: 'The check', timeoutMs: options.timeoutMs ?? 6000, run }],
	});
	const pids: number[] = [];
	const events: HarnessEvent[] = [];
	const unsubscribe = onSpawn((pid) => pids.push(pid));
	const started = Date.now();
	try {
		const result = await runLab(lab, {
			...PINNED_SCALE,
			folder: options.folder ?? join(programs, name),
			onEvent: (event) => events.push(event),
			...(options.seed === undefined ? {} : { seed: options.seed }),
		});
		return { result, events, pids, wallMs: Date.now() - started };
	} finally {
		unsubscribe();
	}
}

/** True when no process of the group led by `pid` is left. */
export function groupGone(pid: number): boolean {
	try {
		process.kill(-pid, 0);
		return false;
	} catch (error) {
		return (error as NodeJS.ErrnoException).code === 'ESRCH';
	}
}
