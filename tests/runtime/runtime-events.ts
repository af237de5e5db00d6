// Keeps the events a page-side `Runtime` emits and lets a test wait, bounded in time, for the one it
// needs after the last it took, instead of sleeping.
import type { RuntimeEvent } from '../../src/shared/protocol.ts';
import type { Runtime } from '../../src/client/lab/adapters/types.ts';

export class RuntimeEvents {
	readonly all: { at: number; event: RuntimeEvent }[] = [];
	#cursor = 0;
	#wake: (() => void) | undefined;

	constructor(runtime: Runtime) {
		runtime.onEvent((event) => {
			this.all.push({ at: Date.now(), event });
			this.#wake?.();
		});
	}

	/** The next event after the last one returned that matches, with when it arrived. */
	async next(
		match: (event: RuntimeEvent) => boolean,
		timeoutMs: number,
		what = 'the event',
	): Promise<{ at: number; event: RuntimeEvent }> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			for (; this.#cursor < this.all.length; this.#cursor++) {
				const item = this.all[this.#cursor];
				if (item && match(item.event)) {
					this.#cursor++;
					return item;
				}
			}
			const left = deadline - Date.now();
			if (left <= 0) {
				const seen = this.all.map(({ event }) => JSON.stringify(event).slice(0, 200)).join('\n  ');
				throw new Error(`No ${what} within ${timeoutMs} ms; saw:\n  ${seen}`);
			}
			await new Promise<void>((resolve) => {
				const timer = setTimeout(resolve, left);
				this.#wake = () => {
					clearTimeout(timer);
					resolve();
				};
			});
		}
	}

	/** Every check event of the run that ends with the next `run-end`, in order. */
	async checkRun(timeoutMs: number) {
		const start = this.#cursor;
		const end = await this.next(
			(event) => event.type === 'check' && event.event.type === 'run-end',
			timeoutMs,
			'run-end',
		);
		const events = this.all
			.slice(start, this.all.indexOf(end) + 1)
			.flatMap(({ event }) => (event.type === 'check' ? [event.event] : []));
		return Object.assign(events, { endedAt: end.at });
	}
}
