import { CheckFailure, TimingFailure } from './check-failure.ts';
import { confirmed, ScaleTracker, type Attempt } from './confirm.ts';
import { createContext } from './context.ts';
import { curlLine } from './curl.ts';
import { randomSeed } from './random.ts';
import { CheckScope } from './scope.ts';
import type { ProgramHandle } from './start.ts';
import { measureTimeScale, stretch } from './time-scale.ts';
import type { Check, HarnessEvent, LabDefinition, TimeScale } from './types.ts';

export const DEFAULT_CHECK_TIMEOUT_MS = 5000;

export interface RunOptions {
	/** The learner's folder; it is copied, never written to. */
	folder: string;
	/** Seeds the checks' random data; a fresh one is drawn when absent. */
	seed?: number;
	/** Timeout of a check that sets none itself. */
	checkTimeoutMs?: number;
	/** Runs only these check ids; the others are reported as skipped. */
	only?: string[];
	onEvent?: (event: HarnessEvent) => void;
	/** Stops the run early (a learner left the page): the running check is cancelled, the rest are
	 * skipped, and the run does not pass. */
	signal?: AbortSignal;
	/** The scale to start from instead of measuring the machine (a timing miss still measures it
	 * again). For tests and for runs that measured the machine already. */
	timeScale?: TimeScale;
	/** Measures the machine; `measureTimeScale` unless a test says otherwise. */
	measure?: () => Promise<TimeScale>;
}

export type CheckEnd = Extract<HarnessEvent, { type: 'check-end' }>;

export interface RunResult {
	lab: string;
	passed: boolean;
	durationMs: number;
	seed: number;
	checks: CheckEnd[];
	/** The largest time scale the run used. */
	timeScale: TimeScale;
}

/** Runs a lab's checks in order against the learner's folder. It never throws because of the
 * learner's program or a check's bug: each becomes a failed check with a message. */
export async function runLab(lab: LabDefinition, options: RunOptions): Promise<RunResult> {
	const seed = options.seed ?? randomSeed();
	const emit = (event: HarnessEvent) => {
		try {
			options.onEvent?.(event);
		} catch {
			// A broken listener must not stop the run; the result still carries everything.
		}
	};
	const started = Date.now();
	const ends: CheckEnd[] = [];
	const measure = options.measure ?? (() => measureTimeScale());
	const scales = new ScaleTracker(options.timeScale ?? (await measure()), measure);
	emit({
		type: 'run-start',
		lab: lab.id,
		seed,
		checks: lab.checks.map(({ id, title }) => ({ id, title })),
		timeScale: scales.current,
	});
	const runOne = async (index: number) => {
		const check = lab.checks[index] as Check;
		let end: CheckEnd;
		if (options.signal?.aborted || (options.only && !options.only.includes(check.id))) {
			end = { type: 'check-end', id: check.id, title: check.title, status: 'skip', durationMs: 0 };
		} else {
			emit({ type: 'check-start', id: check.id, index, total: lab.checks.length });
			const settings = { ...options, seed, entry: lab.entry, emit };
			end = await confirmed(
				(scale) => runCheck(check, settings, scale),
				scales,
				() => options.signal?.aborted === true,
			);
		}
		ends[index] = end;
		// Results go out in the lab's order, each as soon as every check before it has ended, so a
		// reader (the page, the terminal) meets the first failure first however the checks raced.
		while (emitted < lab.checks.length && ends[emitted]) emit(ends[emitted++] as CheckEnd);
	};
	let emitted = 0;
	// Checks are independent (each starts its own program and servers on its own ports, and draws
	// its random data from its own id), so a lab whose checks mostly wait on timers may run a few
	// at once. Results keep the lab's order whatever order they finish in.
	const order = lab.checks
		.map((check, index) => ({ index, first: check.slow === true }))
		.sort((a, b) => Number(b.first) - Number(a.first))
		.map(({ index }) => index);
	let next = 0;
	const worker = async () => {
		while (next < order.length) await runOne(order[next++] as number);
	};
	const width = Math.max(1, Math.min(lab.concurrency ?? 1, lab.checks.length));
	await Promise.all(Array.from({ length: width }, worker));
	const checks = ends;
	const passed = !options.signal?.aborted && checks.every((check) => check.status !== 'fail');
	const durationMs = Date.now() - started;
	const timeScale = scales.current;
	emit({ type: 'run-end', lab: lab.id, passed, durationMs, seed, timeScale });
	return { lab: lab.id, passed, durationMs, seed, checks, timeScale };
}

interface CheckSettings extends RunOptions {
	seed: number;
	entry: string;
	emit: (event: HarnessEvent) => void;
}

async function runCheck(check: Check, settings: CheckSettings, scale: TimeScale): Promise<Attempt> {
	const scope = new CheckScope();
	const programs: ProgramHandle[] = [];
	const timeoutMs = stretch(
		scale,
		check.timeoutMs ?? settings.checkTimeoutMs ?? DEFAULT_CHECK_TIMEOUT_MS,
	);
	const started = Date.now();
	const timer = setTimeout(() => {
		const spinning = programs.some(
			(handle) => !handle.process.exit && handle.process.spin.spinningSince(Date.now() - 1000),
		);
		const message = `The check did not finish within ${timeoutMs} ms`;
		// A program stuck in a loop is no matter of time: no machine is slow enough to excuse it.
		scope.cancel(
			spinning
				? new CheckFailure(
						`${message}; your program was busy running code the whole time, so it looks stuck in a loop`,
					)
				: new TimingFailure(message, 'wait'),
		);
	}, timeoutMs);
	const stop = () =>
		scope.cancel(new CheckFailure('The run was stopped before this check finished'));
	settings.signal?.addEventListener('abort', stop, { once: true });
	let thrown: unknown;
	try {
		const ctx = createContext({ ...settings, scope, scale, checkId: check.id, programs });
		const running = Promise.resolve().then(() => check.run(ctx));
		// The check may go on after a timeout; its late rejection must not crash the grader.
		running.catch(() => {});
		await scope.guard(running);
	} catch (error) {
		thrown = error;
	} finally {
		clearTimeout(timer);
		settings.signal?.removeEventListener('abort', stop);
	}
	const cause = scope.fatal ?? thrown;
	const durationMs = Date.now() - started;
	await scope.close();
	const base = { type: 'check-end' as const, id: check.id, title: check.title, durationMs };
	if (cause === undefined) return { end: { ...base, status: 'pass' }, timing: undefined };
	const end: CheckEnd = { ...base, status: 'fail', message: describe(cause) };
	if (cause instanceof CheckFailure && cause.request) end.curl = curlLine(cause.request);
	// Read after teardown, so the output of a program that was just stopped is complete.
	const output = programs.findLast((handle) => handle.process.output.recent().length > 0);
	if (output) end.output = output.process.output.recent();
	return { end, timing: cause instanceof TimingFailure ? cause.kind : undefined };
}

/** The one-line message for a failure. Anything but a `CheckFailure` is the grader's own fault. */
function describe(cause: unknown): string {
	const text =
		cause instanceof CheckFailure
			? cause.message
			: `grader error: ${cause instanceof Error ? cause.message : String(cause)}`;
	return text.replace(/\s*\n\s*/g, ' ').trim();
}
