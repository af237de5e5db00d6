import { LOCAL_RUNTIME, type RuntimeCommand } from '../../../shared/protocol.ts';
import { createEmitter, lineSplitter, parseEvent, type Runtime } from './types.ts';

// The local runtime is real Node on the learner's machine, mounted under the site's own origin by
// `npm start`. A session token comes from a same-origin GET; commands go up as POSTs and events
// come back on one long NDJSON response read with a stream reader.

interface Session {
	token: string;
	node: string;
}

/** How many times a dropped event stream is reopened before the runtime is reported lost. */
const maxReconnects = 3;

async function openSession(signal: AbortSignal): Promise<Session> {
	const response = await fetch(LOCAL_RUNTIME.session, { cache: 'no-store', signal });
	if (!response.ok) throw new Error(`${LOCAL_RUNTIME.session} answered ${response.status}`);
	const body = (await response.json()) as Partial<Session>;
	if (typeof body.token !== 'string') throw new Error(`${LOCAL_RUNTIME.session} sent no token`);
	return { token: body.token, node: body.node ?? 'unknown' };
}

async function openEvents(token: string, signal: AbortSignal): Promise<ReadableStream<Uint8Array>> {
	const response = await fetch(LOCAL_RUNTIME.events, {
		headers: { 'X-Runtime-Token': token },
		cache: 'no-store',
		signal,
	});
	if (!response.ok || !response.body) {
		throw new Error(`${LOCAL_RUNTIME.events} answered ${response.status}`);
	}
	return response.body;
}

/** Connects to the local runtime; rejects when the site is not served by `npm start`. */
export async function connectLocal(timeoutMs = 4000): Promise<Runtime> {
	const controller = new AbortController();
	const timer = setTimeout(() => controller.abort(new Error('timed out')), timeoutMs);
	let session: Session;
	let body: ReadableStream<Uint8Array>;
	try {
		session = await openSession(controller.signal);
		body = await openEvents(session.token, controller.signal);
	} finally {
		clearTimeout(timer);
	}
	const alive = new AbortController();
	const emitter = createEmitter();

	const pump = async (stream: ReadableStream<Uint8Array>): Promise<void> => {
		const lines = lineSplitter((line) => {
			const event = parseEvent(line);
			if (event) emitter.emit(event);
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

	// A dropped stream (the server restarted, the laptop slept) is reopened with a fresh session a
	// few times; after that the workspace is told, rather than waiting for events that never come.
	const keepReading = async () => {
		let stream = body;
		for (let attempt = 0; attempt <= maxReconnects && !alive.signal.aborted; attempt += 1) {
			await pump(stream).catch(() => undefined);
			if (alive.signal.aborted) return;
			try {
				session = await openSession(alive.signal);
				stream = await openEvents(session.token, alive.signal);
			} catch {
				break;
			}
		}
		if (!alive.signal.aborted) {
			emitter.emit({ type: 'error', message: 'Lost the connection to the local runtime.' });
		}
	};
	void keepReading();

	const runtime: Runtime = {
		kind: 'local',
		get label() {
			return `local runtime (Node ${session.node})`;
		},
		async send(command: RuntimeCommand) {
			const response = await fetch(LOCAL_RUNTIME.command, {
				method: 'POST',
				headers: { 'Content-Type': 'application/json', 'X-Runtime-Token': session.token },
				body: JSON.stringify(command),
			});
			if (!response.ok) {
				const text = await response.text().catch(() => '');
				throw new Error(`The local runtime refused the command (${response.status}): ${text}`);
			}
		},
		// The harness behind the local runtime enforces every check's time limit and kills the
		// learner's process group itself, so stopping the program is all that is left to do.
		async recover() {
			await runtime.send({ type: 'stop' });
		},
		onEvent: emitter.on,
		// The runtime outlives the page's connection to it, so it is never replaced under the page.
		onRestart: () => () => {},
		close() {
			alive.abort();
		},
	};
	return runtime;
}
