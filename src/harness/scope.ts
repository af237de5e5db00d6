import { setMaxListeners } from 'node:events';
import { CheckFailure } from './check-failure.ts';

type Teardown = () => Promise<void> | void;

/** How long one teardown step may take before the harness moves on to the next one. */
const TEARDOWN_STEP_MS = 3000;

/** Everything one check owns: its cancellation and the list of things to tear down after it.
 * A check is cancelled by a timeout, by a fatal problem found elsewhere (a program that prints
 * without end), or by its own end; once cancelled, `sleep` and requests reject at once, so a check
 * that is still running cannot keep the grader busy. */
export class CheckScope {
	readonly #controller = new AbortController();
	readonly #teardowns: Teardown[] = [];
	#closed = false;
	#fatal: unknown;
	#rejectCancelled: (reason: unknown) => void = () => {};
	/** Rejects with the reason once the check is cancelled; use it to race long waits. */
	readonly cancelled: Promise<never>;

	constructor() {
		// Every request and sleep of the check listens for cancellation, and a check may send dozens
		// at once (20 concurrent requests to a balancer): that is no leak, so Node need not warn.
		setMaxListeners(0, this.#controller.signal);
		this.cancelled = new Promise<never>((_, reject) => {
			this.#rejectCancelled = reject;
		});
		// Nobody may be racing against it when it rejects; that must not crash the grader.
		this.cancelled.catch(() => {});
	}

	get signal(): AbortSignal {
		return this.#controller.signal;
	}

	get isCancelled(): boolean {
		return this.#controller.signal.aborted;
	}

	/** The problem that decides the check's result whatever the check itself threw, if any. */
	get fatal(): unknown {
		return this.#fatal;
	}

	/** Cancels the check. A fatal reason wins over whatever the check reports afterwards. */
	cancel(reason: unknown, fatal = false): void {
		if (fatal && this.#fatal === undefined) this.#fatal = reason;
		if (this.isCancelled) return;
		this.#controller.abort(reason);
		this.#rejectCancelled(reason);
	}

	/** Throws the cancellation reason, so nothing new is created for a check that has ended. */
	throwIfCancelled(): void {
		if (this.isCancelled) throw this.#controller.signal.reason;
	}

	/** Resolves or rejects like `promise`, unless the check is cancelled first. */
	guard<T>(promise: Promise<T>): Promise<T> {
		return Promise.race([promise, this.cancelled]);
	}

	sleep(ms: number): Promise<void> {
		return this.guard(
			new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, ms);
				this.signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
			}),
		);
	}

	/** Registers cleanup for something the check created. After the check has ended, cleanup runs
	 * at once, so a resource created by a check that outlived its timeout is not leaked. */
	add(teardown: Teardown): void {
		if (this.#closed) {
			void bounded(teardown);
			return;
		}
		this.#teardowns.push(teardown);
	}

	/** Ends the check: cancels whatever still waits and tears down in reverse order of creation. */
	async close(): Promise<void> {
		this.cancel(new CheckFailure('The check has ended.'));
		this.#closed = true;
		while (this.#teardowns.length > 0) {
			const teardown = this.#teardowns.pop();
			if (teardown) await bounded(teardown);
		}
	}
}

/** Runs one teardown step; a step that fails or hangs must not stop the others. */
async function bounded(teardown: Teardown): Promise<void> {
	let timer: ReturnType<typeof setTimeout> | undefined;
	try {
		await Promise.race([
			Promise.resolve().then(teardown),
			new Promise<void>((resolve) => {
				timer = setTimeout(resolve, TEARDOWN_STEP_MS);
			}),
		]);
	} catch {
		// Teardown is best effort: the resource is gone or going, and the next step must still run.
	} finally {
		clearTimeout(timer);
	}
}
