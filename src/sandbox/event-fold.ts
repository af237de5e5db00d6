// Reads the events a harness reports from inside a sandbox and folds them into the run's result.
// The stream comes from where the learner's program runs, so it is taken as data: a line that is
// not a known event for one of the lab's checks is dropped, each check counts once, and the grader
// outside decides the verdict from the checks alone, failing any check that never reported.
import type {
	CheckEnd,
	HarnessEvent,
	LabDefinition,
	RunResult,
	TimeScale,
} from '../harness/index.ts';
import { limitHint } from './limits.ts';

export interface EventFold {
	/** Takes one line of the harness's standard output; returns the event to pass on, if any. */
	line(text: string): HarnessEvent | undefined;
	/** The run-start to report if the stream never held one. */
	start(): HarnessEvent | undefined;
	/** The check-ends still missing, each failed with `why`, to report after the stream ended. When
	 * the run was stopped on purpose, as runLab does then: a check that had started fails, the
	 * rest are skipped, and the run does not pass. */
	missing(why: string, stopped?: boolean): CheckEnd[];
	result(started: number): RunResult;
}

export function foldEvents(lab: LabDefinition, seed: number, only?: readonly string[]): EventFold {
	const titles = new Map(lab.checks.map((check) => [check.id, check.title]));
	const ends = new Map<string, CheckEnd>();
	const begun = new Set<string>();
	let wasStopped = false;
	let scale: TimeScale | undefined;
	let started = false;
	const start = (): HarnessEvent | undefined => {
		if (started) return undefined;
		started = true;
		const checks = lab.checks.map(({ id, title }) => ({ id, title }));
		return { type: 'run-start', lab: lab.id, seed, checks, timeScale: scale ?? UNMEASURED };
	};
	const line = (text: string): HarnessEvent | undefined => {
		let value: unknown;
		try {
			value = JSON.parse(text);
		} catch {
			return undefined;
		}
		const event = value as Partial<Record<string, unknown>> | null;
		if (!event || typeof event !== 'object') return undefined;
		if (event['type'] === 'check-end') return checkEnd(event);
		if (event['type'] === 'run-start' || event['type'] === 'run-end') {
			scale = timeScaleOf(event['timeScale']) ?? scale;
			// The run's start is told from outside, with the lab's own checks; its end is the verdict,
			// which only the grader outside gives.
			return event['type'] === 'run-start' ? start() : undefined;
		}
		if (event['type'] === 'check-start' && titles.has(String(event['id']))) {
			const index = lab.checks.findIndex((check) => check.id === event['id']);
			begun.add(String(event['id']));
			return { type: 'check-start', id: String(event['id']), index, total: lab.checks.length };
		}
		if (
			event['type'] === 'output' &&
			titles.has(String(event['checkId'])) &&
			typeof event['line'] === 'string'
		) {
			return { type: 'output', checkId: String(event['checkId']), line: event['line'] };
		}
		return undefined;
	};
	const checkEnd = (event: Partial<Record<string, unknown>>): CheckEnd | undefined => {
		const id = String(event['id']);
		const status = event['status'];
		if (!titles.has(id) || ends.has(id)) return undefined;
		if (status !== 'pass' && status !== 'fail' && status !== 'skip') return undefined;
		// A check left out by --only is skipped whatever the stream says.
		if (only && !only.includes(id) && status !== 'skip') return undefined;
		const output = Array.isArray(event['output'])
			? event['output'].filter((item): item is string => typeof item === 'string')
			: undefined;
		let message = typeof event['message'] === 'string' ? event['message'] : undefined;
		const hint = status === 'fail' ? limitHint([message, ...(output ?? [])].join('\n')) : undefined;
		if (hint && message) message = `${message} (${hint})`;
		const end: CheckEnd = {
			type: 'check-end',
			id,
			title: titles.get(id) ?? id,
			status,
			durationMs: typeof event['durationMs'] === 'number' ? event['durationMs'] : 0,
			...(message === undefined ? {} : { message }),
			...(typeof event['curl'] === 'string' ? { curl: event['curl'] } : {}),
			...(output ? { output } : {}),
			// A check that passed only when run again says so in the report outside too.
			...(event['retried'] === true ? { retried: true } : {}),
		};
		ends.set(id, end);
		return end;
	};
	const missing = (why: string, stopped = false): CheckEnd[] => {
		wasStopped ||= stopped;
		return lab.checks
			.filter((check) => !ends.has(check.id))
			.map((check) => {
				const skipped =
					(only !== undefined && !only.includes(check.id)) || (stopped && !begun.has(check.id));
				const end: CheckEnd = {
					type: 'check-end',
					id: check.id,
					title: check.title,
					status: skipped ? 'skip' : 'fail',
					durationMs: 0,
					...(skipped ? {} : { message: why }),
				};
				ends.set(check.id, end);
				return end;
			});
	};
	const result = (startedAt: number): RunResult => {
		const checks = lab.checks.map((check) => ends.get(check.id) as CheckEnd);
		const passed =
			!wasStopped && checks.every((check) => check !== undefined && check.status !== 'fail');
		const timeScale = scale ?? UNMEASURED;
		return { lab: lab.id, passed, durationMs: Date.now() - startedAt, seed, checks, timeScale };
	};
	return { line, start, missing, result };
}

/** The scale of a run that reported none (it broke down before measuring the machine). */
const UNMEASURED: TimeScale = { factor: 1, capped: false, startMs: 0, cpuMs: 0 };

function timeScaleOf(value: unknown): TimeScale | undefined {
	const scale = value as Partial<TimeScale> | null;
	if (!scale || typeof scale !== 'object') return undefined;
	const { factor, capped, startMs, cpuMs } = scale;
	if (typeof factor !== 'number' || typeof capped !== 'boolean') return undefined;
	if (typeof startMs !== 'number' || typeof cpuMs !== 'number') return undefined;
	return { factor, capped, startMs, cpuMs };
}
