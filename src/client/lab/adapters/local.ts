import { LOCAL_RUNTIME, type RuntimeCommand } from '../../../shared/protocol.ts';
import {
	createEmitter,
	createInFlight,
	lineSplitter,
	parseEvent,
	type RestartListener,
	type Runtime,
} from './types.ts';

// The local runtime is real Node on the learner's machine, mounted under the site's own origin by
// `npm start`. A session token comes from a same-origin GET; commands go up as POSTs and events
// come back on one long NDJSON response read with a stream reader.

interface Session {
	token: string;
	node: string;
}

/** How many times a dropped event stream is reopened before the runtime is reported lost. */
const maxReconnects = 3;

/** Said when the event stream dropped and a fresh one was opened: the runtime ends a page's
 * session with its stream, so what it ran is gone. */
export const RECONNECTED =
	'The connection to the local runtime dropped and was opened again, so whatever it was running for this page (your program, a check run) was stopped.';
/** Said when the stream dropped and could not be opened again. */
export const LOST =
	'Lost the connection to the local runtime: is npm start still running? Reload the page once it is.';
/** Said of a console request sent before the stream dropped. */
const UNANSWERED = {
	reconnected:
		'No answer came: the connection to the local runtime dropped, which stopped your program. Press Run, then send the request again.',
	lost: 'No answer came: the connection to the local runtime was lost.',
};

async function openSession(base: string, signal: AbortSignal): Promise<Session> {
	const response = await fetch(base + LOCAL_RUNTIME.session, { cache: 'no-store', signal });
	if (!response.ok) throw new Error(`${LOCAL_RUNTIME.session} answered ${response.status}`);
	const body = (await response.json()) as Partial<Session>;
	if (typeof body.token !== 'string') throw new Error(`${LOCAL_RUNTIME.session} sent no token`);
	return { token: body.token, node: body.node ?? 'unknown' };
}

async function openEvents(
	base: string,
	token: string,
	signal: AbortSignal,
): Promise<ReadableStream<Uint8Array>> {
	const response = await fetch(base + LOCAL_RUNTIME.events, {
		headers: { 'X-Runtime-Token': token },
		cache: 'no-store',
		signal,
	});
	if (!response.ok || !response.body) {
		throw new Error(`${LOCAL_RUNTIME.events} answered ${response.status}`);
	}
	return response.body;
}

/** Connects to the local runtime; rejects when the site is not served by `npm start`. `base` is the
 * site's origin, which a page leaves out (its own); a test outside a browser names it. */
export async function connectLocal(timeoutMs = 4000, base = ''): Promise<Runtime> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
	let session: Session;
	let body: ReadableStream<Uint8Array>;
	try {
		session = await openSession(base, controller.signal);
		body = await openEvents(base, session.token, controller.signal);
	} finally {
		clearTimeout(timer);
	}
	const alive = new AbortController();
	const emitter = createEmitter();
	const restartListeners = new Set<RestartListener>();
	const inFlight = createInFlight();

	const pump = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
		const lines = lineSplitter((line) => {
			const event = parseEvent(line);
			if (!event) return;
			inFlight.seen(event);
			emitter.emit(event);
		});
		const decoder = new TextDecoder();
		const reader = stream.getReader();
		for (;;) {
			const { done, value } = await reader.read();
			if (done) break;
			lines.push(decoder.decode(value, { stream: true }));
		}
		lines.end();
	};

	// The runtime ends a page's session with its event stream: the program, a check run and the
	// console's requests to it are gone, and none of their events will come. The workspace is told
	// as the in-browser runtime tells it after a restart: a check run under way ends with the
	// reason, a request waiting for an answer gets an error, and the program shows as stopped.
	const dropped = (message: string, unanswered: string) => {
		for (const listener of restartListeners) listener(message);
		emitter.emit({ type: 'error', message });
		for (const event of inFlight.lost(unanswered)) emitter.emit(event);
		emitter.emit({ type: 'stopped' });
	};

	// A dropped stream (the server restarted, the laptop slept) is reopened with a fresh session a
	// few times; after that the workspace is told, rather than waiting for events that never come.
	const keepReading = async () => {
		let stream = body;
		for (let attempt = 0; attempt <= maxReconnects && !alive.signal.aborted; attempt += 1) {
			await pump(stream).catch(() => undefined);
			if (alive.signal.aborted) return;
			if (attempt === maxReconnects) break;
			try {
				session = await openSession(base, alive.signal);
				stream = await openEvents(base, session.token, alive.signal);
			} catch {
				break;
			}
			if (alive.signal.aborted) return;
			dropped(RECONNECTED, UNANSWERED.reconnected);
		}
		if (!alive.signal.aborted) dropped(LOST, UNANSWERED.lost);
	};
	void keepReading();

	const runtime: Runtime = {
		kind: 'local',
		get label() {
			return `local runtime (Node ${session.node})`;
		},
		async send(command: RuntimeCommand) {
			inFlight.sent(command);
			try {
				const response = await fetch(base + LOCAL_RUNTIME.command, {
					method: 'POST',
					headers: { 'Content-Type': 'application/json', 'X-Runtime-Token': session.token },
					body: JSON.stringify(command),
				});
				if (!response.ok) {
					const text = await response.text().catch(() => '');
					throw new Error(`The local runtime refused the command (${response.status}): ${text}`);
				}
			} catch (error) {
				inFlight.refused(command);
				throw error;
			}
		},
		// The harness behind the local runtime enforces every check's time limit and kills the
		// learner's process group itself, so stopping the program is all that is left to do.
		async recover() {
			await runtime.send({ type: 'stop' });
		},
		onEvent: emitter.on,
		// The runtime outlives the page's connection to it, but not the page's session: a dropped
		// stream ends it, and the page hears so as it hears of an in-browser runtime's restart.
		onRestart(listener) {
			restartListeners.add(listener);
			return () => restartListeners.delete(listener);
		},
		close() {
			alive.abort();
		},
	};
	return runtime;
}
