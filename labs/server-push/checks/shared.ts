// What every server-push check starts from: the learner's program, a client that reads its event
// streams, and helpers that post updates and judge events with messages a learner can act on.
// Every message names what was expected and what came, and a `curl -N` line to watch the stream.
import {
	CheckFailure,
	TimingFailure,
	type CheckContext,
	type GraderResponse,
	type LearnerProgram,
} from '../../../src/harness/index.ts';
import { SseClient, SseStream, type SseEvent } from '../support/sse-reader.ts';

/** The heartbeat a check gives the program when heartbeats are not what it judges: long enough
 * that no comment arrives during the check. */
export const QUIET_HEARTBEAT_MS = 60_000;
/** How long the status line and headers of a stream may take, before stretching. */
const HEADERS_WAIT_MS = 2000;
/** How long an event may take to arrive once its update was accepted, before stretching. */
export const EVENT_WAIT_MS = 1500;
/** How long a check listens for events that should not come, before stretching. */
export const SETTLE_MS = 200;

export interface Push {
	program: LearnerProgram;
	/** Opens `GET /orders/{id}/events` and checks that it is an event stream (status 200 and
	 * `Content-Type: text/event-stream`). */
	open(orderId: string, options?: { lastEventId?: string }): Promise<SseStream>;
	/** Posts one valid update and fails unless it is accepted with 201 or 202. */
	post(orderId: string, status: string): Promise<Posted>;
	/** Posts a raw body to `/orders/{id}/status`. */
	postRaw(orderId: string, body: string): Promise<GraderResponse>;
	/** A `curl -N` line that watches the stream of `orderId`, for messages. */
	watch(orderId: string, lastEventId?: string): string;
}

export interface Posted {
	res: GraderResponse;
	/** The answer's `listeners` field, when it is a number. */
	listeners: number | undefined;
}

/** Starts the program with `HEARTBEAT_MS` (null leaves it unset) and runs `body`; every stream
 * the check opened is closed afterwards, however the check ends. */
export async function withPush(
	ctx: CheckContext,
	heartbeatMs: number | null,
	body: (push: Push) => Promise<void>,
): Promise<void> {
	const env: Record<string, string> = {};
	if (heartbeatMs !== null) env['HEARTBEAT_MS'] = String(heartbeatMs);
	const program = await ctx.start({ env });
	const client = new SseClient();
	const watch = (orderId: string, lastEventId?: string) => {
		const header = lastEventId === undefined ? '' : ` -H ${quote(`Last-Event-ID: ${lastEventId}`)}`;
		return `curl -N${header} ${program.url}${eventsPath(orderId)}`;
	};
	const postRaw = (orderId: string, text: string) =>
		ctx.request(program, {
			method: 'POST',
			path: statusPath(orderId),
			headers: { 'Content-Type': 'application/json' },
			body: text,
		});
	const push: Push = {
		program,
		watch,
		postRaw,
		async open(orderId, options = {}) {
			const path = eventsPath(orderId);
			const { lastEventId } = options;
			const headers = lastEventId === undefined ? undefined : { 'Last-Event-ID': lastEventId };
			const waitMs = ctx.time.stretch(HEADERS_WAIT_MS);
			const see = `Watch it with: ${watch(orderId, lastEventId)}`;
			const opened = await client.open({
				port: program.port,
				path,
				headersTimeoutMs: waitMs,
				...(headers ? { headers } : {}),
			});
			if (!(opened instanceof SseStream)) {
				if (opened.kind === 'timeout') {
					throw new TimingFailure(
						`Expected the status line and headers of GET ${path} within ${waitMs} ms, got nothing. Node sends the headers with the first write, so call res.flushHeaders() (or write a comment) as soon as the stream opens. ${see}`,
						'wait',
					);
				}
				throw new CheckFailure(
					await whyBroken(program, `GET ${path}`, opened.code, opened.message),
				);
			}
			await expectEventStream(ctx, opened, path, see);
			return opened;
		},
		async post(orderId, status) {
			const res = await postRaw(orderId, JSON.stringify({ status }));
			if (res.status !== 201 && res.status !== 202) {
				ctx.fail(
					`Expected 201 or 202 for POST ${statusPath(orderId)} with ${JSON.stringify({ status })}, got ${res.status}${bodyHint(res)}`,
					res.request,
				);
			}
			return { res, listeners: listenersOf(res) };
		},
	};
	try {
		await body(push);
	} finally {
		await client.closeAll();
	}
}

export function eventsPath(orderId: string): string {
	return `/orders/${orderId}/events`;
}

export function statusPath(orderId: string): string {
	return `/orders/${orderId}/status`;
}

/** A fresh order id, such as `o-k2j9xq`. */
export function newOrder(ctx: CheckContext): string {
	return ctx.random.id('o');
}

const STAGES = ['accepted', 'cooking', 'ready', 'picked-up', 'on-the-way', 'delivered'];

/** A status no program can know in advance, such as `cooking s-4k2j9x`. */
export function newStatus(ctx: CheckContext): string {
	return `${ctx.random.pick(STAGES)} ${ctx.random.id('s')}`;
}

/** The `listeners` field of an answer to a POST, when it is a JSON number. */
function listenersOf(res: GraderResponse): number | undefined {
	try {
		const body = JSON.parse(res.text()) as unknown;
		if (typeof body !== 'object' || body === null) return undefined;
		const value = (body as Record<string, unknown>)['listeners'];
		return typeof value === 'number' ? value : undefined;
	} catch {
		return undefined;
	}
}

/** Fails unless the answer to a POST carries `listeners` equal to `expected`. */
export function expectListeners(
	ctx: CheckContext,
	posted: Posted,
	expected: number,
	why: string,
): void {
	if (posted.listeners === expected) return;
	const got =
		posted.listeners === undefined
			? `no "listeners" number in ${preview(posted.res.text())}`
			: `listeners ${posted.listeners}`;
	ctx.fail(
		`Expected "listeners": ${expected} in the answer to POST ${new URL(posted.res.request.url).pathname} (${why}), got ${got}`,
		posted.res.request,
	);
}

async function expectEventStream(
	ctx: CheckContext,
	stream: SseStream,
	path: string,
	see: string,
): Promise<void> {
	if (stream.status !== 200) {
		// The body of an error answer usually says what the program thought; it ends soon.
		await stream.until(() => !stream.open, ctx.time.stretch(300));
		ctx.fail(
			`Expected status 200 for GET ${path}, got ${stream.status} (body ${stream.quote(120)}). ${see}`,
		);
	}
	const type = header(stream, 'content-type');
	if (type?.split(';')[0]?.trim().toLowerCase() !== 'text/event-stream') {
		const got = type === undefined ? 'no Content-Type header' : JSON.stringify(type);
		ctx.fail(
			`Expected Content-Type text/event-stream for GET ${path}, the only type EventSource reads, got ${got}. ${see}`,
		);
	}
}

export function header(stream: SseStream, name: string): string | undefined {
	const value = stream.headers[name];
	return Array.isArray(value) ? value.join(', ') : value;
}

/** Waits until `stream` holds `count` events; fails, saying what it holds, if they do not come. */
export async function awaitEvents(
	ctx: CheckContext,
	stream: SseStream,
	count: number,
	what: string,
	see: string,
): Promise<void> {
	const waitMs = ctx.time.stretch(EVENT_WAIT_MS);
	if (await stream.eventCount(count, waitMs)) return;
	const got = stream.events.length;
	const state = stream.open ? `within ${waitMs} ms` : 'before your program ended the stream';
	const message = `Expected ${what} (${count} event${count === 1 ? '' : 's'} in all on the stream) ${state}, got ${got}; the stream so far: ${stream.quote()}. ${see}`;
	if (!stream.open) ctx.fail(message);
	throw new TimingFailure(message, 'wait');
}

/** The status an event carries, or a sentence saying why it carries none. */
export function readStatus(event: SseEvent): { status: string } | { problem: string } {
	let value: unknown;
	try {
		value = JSON.parse(event.data);
	} catch {
		return { problem: `data that is not JSON: ${JSON.stringify(event.data)}` };
	}
	if (typeof value !== 'object' || value === null || Array.isArray(value)) {
		return { problem: `data that is not a JSON object: ${JSON.stringify(event.data)}` };
	}
	const status = (value as Record<string, unknown>)['status'];
	if (typeof status !== 'string') {
		return { problem: `no "status" string in its data: ${JSON.stringify(event.data)}` };
	}
	return { status };
}

/** Fails unless `event` is a `status` event whose data is JSON holding `status`. */
export function expectStatusEvent(
	ctx: CheckContext,
	event: SseEvent,
	status: string,
	what: string,
	see: string,
): void {
	const lines = JSON.stringify(event.lines.join('\n'));
	if (event.type !== 'status') {
		const got =
			event.type === 'message'
				? 'an event with no event: line, which EventSource hands to onmessage instead'
				: `event: ${event.type}`;
		ctx.fail(`Expected event: status for ${what}, got ${got} (lines ${lines}). ${see}`);
	}
	const read = readStatus(event);
	if ('problem' in read) {
		ctx.fail(
			`Expected data: {"status": ${JSON.stringify(status)}} for ${what}, got ${read.problem}. ${see}`,
		);
	}
	if (read.status !== status) {
		ctx.fail(
			`Expected the status ${JSON.stringify(status)} for ${what}, got ${JSON.stringify(read.status)} (lines ${lines}). ${see}`,
		);
	}
}

/** The statuses of a stream's events, in order, for messages and comparisons. */
export function statuses(stream: SseStream): string[] {
	return stream.events.map((event) => {
		const read = readStatus(event);
		return 'status' in read ? read.status : `(${read.problem})`;
	});
}

/** Says why a connection broke: most often the program has just died. */
async function whyBroken(
	program: LearnerProgram,
	label: string,
	code: string | undefined,
	message: string,
): Promise<string> {
	for (let waited = 0; waited < 500 && !program.exited(); waited += 25) {
		await new Promise((resolve) => setTimeout(resolve, 25));
	}
	if (program.exited())
		return `Your program exited before answering ${label}: a server must keep running`;
	if (code === 'ECONNREFUSED') {
		return `Connection refused for ${label}: your program runs but no longer accepts connections on port ${program.port}`;
	}
	if (code === 'ECONNRESET' || message === 'socket hang up') {
		return `Your program closed the connection without answering ${label}`;
	}
	return `${label} failed: ${message}`;
}

function bodyHint(res: GraderResponse): string {
	const text = res.text();
	return text.length === 0 ? '' : ` (body ${preview(text)})`;
}

function preview(text: string): string {
	if (text.length === 0) return 'an empty body';
	return JSON.stringify(text.length > 80 ? `${text.slice(0, 80)}…` : text);
}

/** Quotes a word for a POSIX shell. */
function quote(word: string): string {
	return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", `'\\''`)}'`;
}
