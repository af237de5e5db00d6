// Reads the local runtime's event stream in a test: events are kept as they arrive, and a test
// waits for the state it needs, bounded in time, instead of sleeping.
import type { IncomingMessage } from 'node:http';
import type { RuntimeEvent } from '../../src/shared/protocol.ts';

/** The events of one open stream, read as they arrive. `next` waits for the first matching event
 * after the last one it returned, so a test reads the stream in order. */
export class Events {
	readonly all: RuntimeEvent[] = [];
	readonly #response: IncomingMessage;
	#cursor = 0;
	#wake: (() => void) | undefined;
	#ended = false;

	constructor(response: IncomingMessage) {
		this.#response = response;
		let partial = '';
		response.setEncoding('utf8');
		response.on('data', (chunk: string) => {
			const lines = (partial + chunk).split('\n');
			partial = lines.pop() ?? '';
			for (const line of lines) if (line !== '') this.all.push(JSON.parse(line) as RuntimeEvent);
			this.#wake?.();
		});
		response.on('close', () => {
			this.#ended = true;
			this.#wake?.();
		});
	}

	async next<T extends RuntimeEvent['type']>(
		type: T,
		where: (event: Extract<RuntimeEvent, { type: T }>) => boolean = () => true,
		timeoutMs = 20_000,
	): Promise<Extract<RuntimeEvent, { type: T }>> {
		const deadline = Date.now() + timeoutMs;
		for (;;) {
			for (; this.#cursor < this.all.length; this.#cursor++) {
				const event = this.all[this.#cursor] as RuntimeEvent;
				if (event.type === type && where(event as Extract<RuntimeEvent, { type: T }>)) {
					this.#cursor++;
					return event as Extract<RuntimeEvent, { type: T }>;
				}
			}
			const left = deadline - Date.now();
			if (this.#ended || left <= 0) {
				const seen = this.all.map((event) => JSON.stringify(event).slice(0, 160)).join('\n  ');
				throw new Error(
					`No "${type}" event ${this.#ended ? 'before the stream ended' : `within ${timeoutMs} ms`}; saw:\n  ${seen}`,
				);
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

	/** Like `next`, but for an event anywhere in the stream so far or to come; the cursor stays. */
	async any<T extends RuntimeEvent['type']>(
		type: T,
		where: (event: Extract<RuntimeEvent, { type: T }>) => boolean = () => true,
		timeoutMs = 20_000,
	): Promise<Extract<RuntimeEvent, { type: T }>> {
		const cursor = this.#cursor;
		this.#cursor = 0;
		try {
			return await this.next(type, where, timeoutMs);
		} finally {
			this.#cursor = cursor;
		}
	}

	close(): void {
		this.#response.destroy();
	}
}
