// A client for `text/event-stream` answers, which the harness's request helper cannot read: it
// waits for a body's end, and an event stream never ends. It parses the stream the way a browser's
// EventSource does (WHATWG HTML, "Server-sent events", interpreting an event stream), keeps what
// it saw with the time it arrived, and is bounded in time and bytes: every stream is destroyed
// after LIFETIME_MS even if a check forgets it, and `closeAll()` ends the rest.
import { request, type ClientRequest, type IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';

/** No check reads a stream for longer; a stream left open by mistake is destroyed then. */
const LIFETIME_MS = 60_000;
/** More than any correct program sends in a check; past it the reader stops and says so. */
const MAX_BYTES = 2 * 1024 * 1024;
/** The start of the stream kept verbatim, to quote in messages. */
const KEPT_CHARS = 16 * 1024;

/** One dispatched event, as `EventSource` would hand it to a listener. */
export interface SseEvent {
	/** The event type: the `event:` field, or `message` when there was none. */
	type: string;
	/** The `data:` lines joined with newlines. */
	data: string;
	/** The `id:` field of this event's own lines, if it had one. */
	id: string | undefined;
	/** What `EventSource` reports as `lastEventId`: the latest `id:` seen so far on the stream. */
	lastEventId: string;
	/** The event's lines as sent, for messages. */
	lines: string[];
	/** When its closing blank line arrived (ms epoch). */
	at: number;
}

/** A line starting with a colon, which `EventSource` ignores. */
export interface SseComment {
	text: string;
	at: number;
}

export interface OpenOptions {
	port: number;
	path: string;
	headers?: Record<string, string>;
	/** How long to wait for the status line and headers. */
	headersTimeoutMs: number;
}

/** Why a stream could not be opened. */
export type OpenProblem =
	{ kind: 'timeout' } | { kind: 'error'; code: string | undefined; message: string };

type Waiter = { test: () => boolean; resolve: (met: boolean) => void; timer: NodeJS.Timeout };

export class SseStream {
	readonly status: number;
	/** Lower-cased names, as Node gives them. */
	readonly headers: IncomingMessage['headers'];
	/** When the headers arrived (ms epoch). */
	readonly openedAt: number;
	readonly events: SseEvent[] = [];
	readonly comments: SseComment[] = [];
	/** The last `retry:` value, if one came. */
	retry: number | undefined;
	/** Field names other than data, event, id and retry, which `EventSource` ignores. */
	readonly otherFields = new Set<string>();
	/** When the server ended the body or the connection broke (ms epoch); undefined while open. */
	endedAt: number | undefined;
	/** Set when the body broke off with an error rather than ending cleanly. */
	error: string | undefined;
	/** True when the stream passed MAX_BYTES and reading stopped. */
	overflowed = false;
	/** The first KEPT_CHARS characters of the body. */
	kept = '';

	readonly #req: ClientRequest;
	readonly #socket: Socket;
	readonly #decoder = new TextDecoder('utf-8');
	readonly #waiters = new Set<Waiter>();
	#closed: Promise<void>;
	#pending = '';
	#bytes = 0;
	#started = false;
	// The parser's buffers, named as in the specification.
	#data = '';
	#type = '';
	#lastEventId = '';
	#ownId: string | undefined;
	#lines: string[] = [];

	constructor(req: ClientRequest, res: IncomingMessage) {
		this.#req = req;
		this.#socket = res.socket;
		this.status = res.statusCode ?? 0;
		this.headers = res.headers;
		this.openedAt = Date.now();
		this.#closed = new Promise((resolve) => this.#socket.once('close', () => resolve()));
		res.on('data', (chunk: Buffer) => this.#receive(chunk));
		res.on('end', () => this.#end(undefined));
		res.on('error', (error) => this.#end(error.message));
		res.on('close', () => this.#end(res.complete ? undefined : 'the connection closed mid-body'));
	}

	/** True while the server has neither ended the body nor broken the connection. */
	get open(): boolean {
		return this.endedAt === undefined;
	}

	/** Resolves true as soon as `test()` holds, false once `timeoutMs` has passed without it or the
	 * stream has ended without it. */
	until(test: () => boolean, timeoutMs: number): Promise<boolean> {
		if (test()) return Promise.resolve(true);
		if (!this.open) return Promise.resolve(false);
		return new Promise((resolve) => {
			const waiter: Waiter = {
				test,
				resolve,
				timer: setTimeout(() => {
					this.#waiters.delete(waiter);
					resolve(test());
				}, timeoutMs),
			};
			this.#waiters.add(waiter);
		});
	}

	/** Resolves true once at least `count` events have arrived. */
	eventCount(count: number, timeoutMs: number): Promise<boolean> {
		return this.until(() => this.events.length >= count, timeoutMs);
	}

	/** Closes the connection from this side, as a client that goes away: `end` sends FIN, as a
	 * closed tab does; `reset` sends RST, as a dropped network can. Resolves once it is closed. */
	close(how: 'end' | 'reset' = 'end'): Promise<void> {
		if (how === 'reset' && typeof this.#socket.resetAndDestroy === 'function') {
			this.#socket.resetAndDestroy();
		} else {
			this.#req.destroy();
		}
		return this.#closed;
	}

	/** The start of the body as a JSON string, so line ends and spaces show in a one-line message. */
	quote(maxChars = 300): string {
		const text = this.kept.length > maxChars ? `${this.kept.slice(0, maxChars)}…` : this.kept;
		return JSON.stringify(text);
	}

	#receive(chunk: Buffer): void {
		if (this.overflowed) return;
		this.#bytes += chunk.length;
		if (this.#bytes > MAX_BYTES) {
			this.overflowed = true;
			this.#req.destroy();
			this.#end(`the stream sent more than ${MAX_BYTES / 1024 / 1024} MB`);
			return;
		}
		let text = this.#decoder.decode(chunk, { stream: true });
		if (!this.#started && text.length > 0) {
			this.#started = true;
			// One leading byte order mark is allowed and skipped.
			if (text.startsWith('\uFEFF')) text = text.slice(1);
		}
		if (this.kept.length < KEPT_CHARS) this.kept += text.slice(0, KEPT_CHARS - this.kept.length);
		this.#pending += text;
		this.#parse(false);
		this.#notify();
	}

	#end(error: string | undefined): void {
		if (this.endedAt !== undefined) return;
		this.endedAt = Date.now();
		this.error = error;
		this.#pending += this.#decoder.decode();
		this.#parse(true);
		// An event whose blank line never came is not dispatched, as in a browser.
		for (const waiter of this.#waiters) {
			clearTimeout(waiter.timer);
			waiter.resolve(waiter.test());
		}
		this.#waiters.clear();
	}

	#notify(): void {
		for (const waiter of this.#waiters) {
			if (!waiter.test()) continue;
			clearTimeout(waiter.timer);
			this.#waiters.delete(waiter);
			waiter.resolve(true);
		}
	}

	/** Takes every complete line from the pending text. Lines end with CRLF, LF or CR; a CR at the
	 * very end may be the first half of a CRLF, so it waits for the next chunk unless the body ended. */
	#parse(final: boolean): void {
		for (;;) {
			const match = /[\r\n]/.exec(this.#pending);
			if (!match) break;
			const at = match.index;
			if (this.#pending[at] === '\r' && at === this.#pending.length - 1 && !final) break;
			const line = this.#pending.slice(0, at);
			const width = this.#pending.startsWith('\r\n', at) ? 2 : 1;
			this.#pending = this.#pending.slice(at + width);
			this.#line(line);
		}
	}

	#line(line: string): void {
		if (line === '') return this.#dispatch();
		if (line.startsWith(':')) {
			this.comments.push({ text: line.slice(1), at: Date.now() });
			return;
		}
		this.#lines.push(line);
		const colon = line.indexOf(':');
		const field = colon === -1 ? line : line.slice(0, colon);
		let value = colon === -1 ? '' : line.slice(colon + 1);
		if (value.startsWith(' ')) value = value.slice(1);
		if (field === 'data') this.#data += `${value}\n`;
		else if (field === 'event') this.#type = value;
		else if (field === 'id') {
			if (!value.includes('\u0000')) {
				this.#lastEventId = value;
				this.#ownId = value;
			}
		} else if (field === 'retry') {
			if (/^[0-9]+$/.test(value)) this.retry = Number(value);
		} else this.otherFields.add(field);
	}

	#dispatch(): void {
		const lines = this.#lines;
		const ownId = this.#ownId;
		this.#lines = [];
		this.#ownId = undefined;
		if (this.#data === '') {
			this.#type = '';
			return;
		}
		const data = this.#data.endsWith('\n') ? this.#data.slice(0, -1) : this.#data;
		const type = this.#type === '' ? 'message' : this.#type;
		this.#data = '';
		this.#type = '';
		this.events.push({
			type,
			data,
			id: ownId,
			lastEventId: this.#lastEventId,
			lines,
			at: Date.now(),
		});
	}
}

/** Opens streams and remembers them, so a check can close every one it opened, however it ends. */
export class SseClient {
	readonly #streams = new Set<SseStream>();
	readonly #requests = new Set<ClientRequest>();

	/** Sends the GET and resolves once the status line and headers have come, or with the problem
	 * that kept them from coming. */
	open(options: OpenOptions): Promise<SseStream | OpenProblem> {
		return new Promise((resolve) => {
			const req = request({
				host: '127.0.0.1',
				port: options.port,
				method: 'GET',
				path: options.path,
				headers: { Accept: 'text/event-stream', ...options.headers },
				agent: false,
			});
			this.#requests.add(req);
			const lifetime = setTimeout(() => req.destroy(), LIFETIME_MS);
			lifetime.unref();
			req.on('close', () => {
				clearTimeout(lifetime);
				this.#requests.delete(req);
			});
			const timer = setTimeout(() => {
				req.destroy();
				resolve({ kind: 'timeout' });
			}, options.headersTimeoutMs);
			req.on('error', (error: NodeJS.ErrnoException) => {
				clearTimeout(timer);
				resolve({ kind: 'error', code: error.code, message: error.message });
			});
			req.on('response', (res) => {
				clearTimeout(timer);
				const stream = new SseStream(req, res);
				this.#streams.add(stream);
				resolve(stream);
			});
			req.end();
		});
	}

	/** Destroys every connection this client opened, and waits until they are closed. */
	async closeAll(): Promise<void> {
		const closing = [...this.#streams].map((stream) => stream.close('end'));
		for (const req of this.#requests) req.destroy();
		await Promise.all(closing);
		this.#streams.clear();
	}
}
