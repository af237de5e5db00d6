import type { RuntimeCommand, RuntimeEvent } from '../../../shared/protocol.ts';

// What the workspace needs from whatever runs the lab. The local runtime (real Node behind the
// site's own server) and the WebContainer (Node in the browser) take the same commands and give
// the same events, however each carries them, so the workspace is written once against this.

export type RuntimeKind = 'local' | 'webcontainer';

export type EventListener = (event: RuntimeEvent) => void;

export interface Runtime {
	readonly kind: RuntimeKind;
	/** A human name for the status line, with the Node version once known. */
	readonly label: string;
	/** Sends one command; rejects when the runtime could not take it. */
	send(command: RuntimeCommand): Promise<void>;
	/** Brings a runtime that stopped answering (a learner program that loops forever) back to a
	 * state where the next command works. */
	recover(): Promise<void>;
	/** Subscribes to events; returns the function that unsubscribes. */
	onEvent(listener: EventListener): () => void;
	/** Subscribes to the runtime being replaced by a fresh one (the in-browser runtime's recovery),
	 * with the sentence that says why: whatever ran in the old one is gone, a check run included,
	 * and none of its events will come. Returns the function that unsubscribes. */
	onRestart(listener: RestartListener): () => void;
	close(): void;
}

export type RestartListener = (message: string) => void;

/** A fan-out of events to the current listeners, shared by the adapters, which hand `on` out on
 * its own (`onEvent: emitter.on`): neither method uses `this`. */
export function createEmitter() {
	const listeners = new Set<EventListener>();
	return {
		on(this: void, listener: EventListener): () => void {
			listeners.add(listener);
			return () => listeners.delete(listener);
		},
		emit(this: void, event: RuntimeEvent): void {
			for (const listener of listeners) listener(event);
		},
	};
}

/** The console's requests that a runtime took and has not yet answered, by id. When the runtime is
 * replaced (the in-browser runtime's recovery) or its event stream drops (the local runtime), the
 * program they went to is gone and their answers will never come, so each is answered with a
 * `request-error` that says why, instead of waiting on the page for good. */
export function createInFlight() {
	const ids = new Set<string>();
	return {
		/** Called before a command goes out, since its answer may arrive before the send settles. */
		sent(this: void, command: RuntimeCommand): void {
			if (command.type === 'request') ids.add(command.id);
		},
		/** The command was refused: no answer is owed. */
		refused(this: void, command: RuntimeCommand): void {
			if (command.type === 'request') ids.delete(command.id);
		},
		/** Takes every event on its way to the page: an answer settles its request. */
		seen(this: void, event: RuntimeEvent): void {
			if (event.type === 'response' || event.type === 'request-error') ids.delete(event.id);
		},
		/** The answers that will never come, as errors with `message`; none is owed after this. */
		lost(this: void, message: string): RuntimeEvent[] {
			const events = [...ids].map((id): RuntimeEvent => ({ type: 'request-error', id, message }));
			ids.clear();
			return events;
		},
	};
}

const eventTypes = new Set<string>([
	'ready',
	'started',
	'output',
	'exited',
	'stopped',
	'response',
	'request-error',
	'backends',
	'check',
	'replay',
	'error',
]);

/** Parses one line of the local runtime's NDJSON stream as an event, or returns undefined; a line
 * that is not an event is ignored rather than trusted. (The in-browser runtime's terminal needs
 * more: its lines are framed and checked, see src/shared/wire.ts.) */
export function parseEvent(line: string): RuntimeEvent | undefined {
	const text = line.trim();
	if (!text.startsWith('{')) return undefined;
	try {
		const value = JSON.parse(text) as { type?: unknown; event?: unknown };
		if (typeof value.type !== 'string' || !eventTypes.has(value.type)) return undefined;
		if (value.type === 'check' && typeof value.event !== 'object') return undefined;
		return value as RuntimeEvent;
	} catch {
		return undefined;
	}
}

/** Splits a stream of text chunks into lines, keeping a partial last line for the next chunk. */
export function lineSplitter(onLine: (line: string) => void) {
	let buffer = '';
	return {
		push(chunk: string): void {
			buffer += chunk;
			let newline = buffer.indexOf('\n');
			while (newline !== -1) {
				onLine(buffer.slice(0, newline));
				buffer = buffer.slice(newline + 1);
				newline = buffer.indexOf('\n');
			}
		},
		end(): void {
			if (buffer) onLine(buffer);
			buffer = '';
		},
	};
}
