import type { RuntimeCommand, RuntimeEvent } from '../../../shared/protocol.ts';
import { commandLine, FrameReader, INBOX, type Frame } from '../../../shared/wire.ts';
import type { Container, TerminalProcess } from './container.ts';
import { lineSplitter } from './types.ts';

// The page's end of one lab session in one container (the protocol is in src/shared/wire.ts). A
// command's data goes in as files and only `do <n>` is typed; events come back framed and numbered,
// are passed on in order and once each, and a gap is filled by asking the session to send again.
// The session beats every second: silence, or the process ending, makes the link dead, and a dead
// link refuses every command with a reason instead of writing into nothing.

export interface LinkOptions {
	onEvent(event: RuntimeEvent): void;
	/** The session saw a learner process it cannot stop; the container must be replaced. */
	onStuck(message: string): void;
	/** The session ended or went silent; called once, with the reason. */
	onDead(reason: string): void;
	/** Silence (no frame at all) for this long means the session is gone. */
	deadAfterMs: number;
}

/** How often silence is measured. */
const TICK_MS = 250;
/** How soon the same `resend` may be asked for again when the gap is still there. */
const RESEND_AGAIN_MS = 1000;
/** Asks for the same event after which its damage is taken as lasting, not a stray accident. */
const MAX_ASKS = 8;

export class SessionLink {
	readonly #container: Container;
	readonly #writer: WritableStreamDefaultWriter<string>;
	readonly #options: LinkOptions;
	readonly #held = new Map<number, RuntimeEvent>();
	readonly #timer: ReturnType<typeof setInterval>;
	#lastSeq = 0;
	#asked = { seq: 0, at: 0, times: 0 };
	#lastHeard = Date.now();
	#dead: string | undefined;
	#commands = 0;
	#ready: (() => void) | undefined;
	readonly #dieWith: (reason: string) => void;
	/** Settles once the session has said `ready`, or rejects if it dies first. */
	readonly ready: Promise<void>;

	constructor(container: Container, process: TerminalProcess, options: LinkOptions) {
		this.#container = container;
		this.#options = options;
		this.#writer = process.input.getWriter();
		let fail: (error: Error) => void = () => {};
		this.ready = new Promise<void>((resolve, reject) => {
			this.#ready = resolve;
			fail = reject;
		});
		this.ready.catch(() => {});
		this.#dieWith = (reason) => fail(new Error(`The in-browser session ${reason}`));
		const reader = new FrameReader();
		const lines = lineSplitter((line) => {
			const frame = reader.read(line);
			if (frame) this.#receive(frame);
		});
		void process.output
			.pipeTo(new WritableStream({ write: (chunk) => lines.push(chunk), close: () => lines.end() }))
			.catch(() => {});
		void process.exit.then((code) => this.#die(`ended (exit code ${code})`));
		let lastTick = Date.now();
		this.#timer = setInterval(() => {
			const now = Date.now();
			// A tick that comes late means the page itself was held back (a hidden tab's timers are
			// throttled), not the session: silence is counted again from here.
			if (now - lastTick > 4 * TICK_MS) this.#lastHeard = now;
			lastTick = now;
			// Until the session has said `ready`, the caller's start-up limit applies instead: a
			// bundle that loads slowly in a busy tab is not a dead session.
			const silent = now - this.#lastHeard;
			if (this.#lastSeq > 0 && silent > options.deadAfterMs) {
				this.#die(`stopped answering for ${Math.round(silent / 1000)} s`);
			}
		}, TICK_MS);
	}

	/** Why the link is dead, or `undefined` while the session lives. */
	get dead(): string | undefined {
		return this.#dead;
	}

	/** Writes the command's data as files, then types one short line naming it. Rejects, with the
	 * reason, when the session is dead or dies before the line is written. */
	async send(command: RuntimeCommand): Promise<void> {
		this.#assertAlive();
		const n = ++this.#commands;
		const folder = `${INBOX}/${n}`;
		const files: Record<string, string> = {};
		if (command.type === 'run' || command.type === 'check') {
			const { files: labFiles, ...rest } = command;
			for (const [path, text] of Object.entries(labFiles)) files[`${folder}/files/${path}`] = text;
			files[`${folder}/command.json`] = JSON.stringify(rest);
		} else {
			files[`${folder}/command.json`] = JSON.stringify(command);
		}
		await this.#container.writeFiles(files);
		await this.#type(commandLine({ verb: 'do', n }));
	}

	/** Stops watching; the caller tears the container down. */
	close(reason = 'was closed'): void {
		this.#die(reason, false);
	}

	async #type(line: string): Promise<void> {
		this.#assertAlive();
		await this.#writer.write(`${line}\n`);
		this.#assertAlive();
	}

	#assertAlive(): void {
		if (this.#dead)
			throw new Error(`The in-browser session ${this.#dead}: it is being restarted, try again`);
	}

	#receive(frame: Frame): void {
		this.#lastHeard = Date.now();
		if (this.#dead) return;
		if (frame.kind === 'stuck') {
			this.#options.onStuck(frame.message);
			return;
		}
		if (frame.kind === 'beat') {
			if (frame.last > this.#lastSeq) this.#askAgain();
			return;
		}
		if (frame.seq <= this.#lastSeq) return;
		this.#held.set(frame.seq, frame.event);
		for (
			let next = this.#held.get(this.#lastSeq + 1);
			next;
			next = this.#held.get(this.#lastSeq + 1)
		) {
			this.#held.delete(this.#lastSeq + 1);
			this.#lastSeq += 1;
			if (next.type === 'ready') this.#ready?.();
			this.#options.onEvent(next);
		}
		if (this.#held.size > 0) this.#askAgain();
	}

	/** Asks for every event after the last one passed on; the session keeps its recent frames. */
	#askAgain(): void {
		const seq = this.#lastSeq + 1;
		const now = Date.now();
		const again = this.#asked.seq === seq;
		if (again && now - this.#asked.at < RESEND_AGAIN_MS) return;
		const times = again ? this.#asked.times + 1 : 1;
		if (times > MAX_ASKS) {
			this.#die(`sent event ${seq} damaged ${MAX_ASKS} times`);
			return;
		}
		this.#asked = { seq, at: now, times };
		this.#type(commandLine({ verb: 'resend', seq })).catch(() => {});
	}

	#die(reason: string, report = true): void {
		if (this.#dead) return;
		this.#dead = reason;
		clearInterval(this.#timer);
		this.#dieWith(reason);
		try {
			this.#writer.releaseLock();
		} catch {
			// A write still pending is rejected by the release, which is what a dead session deserves.
		}
		if (report) this.#options.onDead(reason);
	}
}
