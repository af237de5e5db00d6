// The local runtime's HTTP surface, mounted by the site server under `/__runtime/`. A page asks for
// a token, opens one event stream with it (which creates that page's lab session), and posts
// commands with the same token; closing the stream stops everything the session started.
import { randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { killAllGroups } from '../harness/process-registry.ts';
import { folderLabSource } from '../labs/index.ts';
import { sandboxLauncher } from '../sandbox/program.ts';
import type { Support } from '../sandbox/probe.ts';
import { CompileCache } from '../sandbox/compile-cache.ts';
import { LOCAL_RUNTIME, type RuntimeCommand, type RuntimeEvent } from '../shared/protocol.ts';
import { readCommand } from './read-command.ts';
import { PageReplays } from './replay-run.ts';
import { guardRefusal } from './request-guard.ts';
import { LabSession } from './session.ts';
import { localRuntimeScale, type SessionScale } from './session-scale.ts';

/** What the handler needs from a session; tests may supply their own. */
export interface RuntimeSession {
	handle(command: RuntimeCommand): void;
	close(): Promise<void>;
	/** Whether a check run is under way; a replay waits for none (see replay-run.ts). */
	readonly checking?: boolean;
	/** Stops the Run press's program, which a replay replaces. */
	stop?(): Promise<void>;
}

export type SessionFactory = (emit: (event: RuntimeEvent) => void) => RuntimeSession;

export interface RuntimeHandlerOptions {
	createSession?: SessionFactory;
	/** Runs every Check press and every Run press's program in a sandbox of its own (see
	 * LabSession); `npm start` sets it wherever the sandbox can start. Ignored with `createSession`. */
	sandbox?: Extract<Support, { ok: true }>;
	/** The figure of the machine's speed that every page's check runs start from (session-scale.ts);
	 * by default measured as the runtime starts, after each run and when a page opens on a figure
	 * grown old. Tests give one whose figure they know. Ignored with `createSession`. */
	scale?: SessionScale;
}

/** A page that opens its event stream on a figure older than this has it measured again, while
 * the learner reads; the run after the click need not wait for it. */
const SCALE_MAX_AGE_MS = 60_000;

/** Handles a request if it is the runtime's (true), or leaves it to the site (false). */
export interface RuntimeHandler {
	(request: IncomingMessage, response: ServerResponse): boolean;
	/** Ends every event stream and stops every session's processes. */
	close(): Promise<void>;
}

/** Tokens kept at once; the oldest not yet used for a stream is forgotten first. */
const MAX_TOKENS = 64;
/** Events queued for a page that stopped reading; past this the stream is closed. */
const MAX_QUEUED_BYTES = 8 * 1024 * 1024;
const PREFIX = '/__runtime/';
let exitHookInstalled = false;

interface Channel {
	response: ServerResponse;
	session: RuntimeSession;
	/** "Try this request": a failed check run again, left running (replay-run.ts). */
	replays: PageReplays;
}

export function createRuntimeHandler(options: RuntimeHandlerOptions = {}): RuntimeHandler {
	// Learner programs run in their own process groups, so nothing kills them with the server: if it
	// exits without closing its sessions (an uncaught error), they are killed on the way out.
	if (!exitHookInstalled) process.on('exit', killAllGroups);
	exitHookInstalled = true;
	// One figure for the whole runtime, measured before any click, so that a Check press starts its
	// first check at once: in the sandbox, the harness would otherwise start Node twice and time a
	// computation before it (a few hundred milliseconds on a busy 2-core machine). The quick part,
	// the computation, is timed again at the press (session-scale.ts, localRuntimeScale).
	const scale = options.createSession ? undefined : (options.scale ?? localRuntimeScale());
	const labs = folderLabSource();
	// Sandboxed harnesses load compiled code that a warm-up stored, started now for the code every
	// lab shares and after each lab's first check run for that lab's own (compile-cache.ts).
	const compileCache =
		options.createSession || !options.sandbox ? undefined : new CompileCache(options.sandbox);
	const first = labs.list()[0];
	if (compileCache && first) void compileCache.warm(first);
	const createSession: SessionFactory =
		options.createSession ??
		((emit) =>
			new LabSession({
				emit,
				...(options.sandbox ? { sandbox: options.sandbox } : {}),
				...(scale ? { scale } : {}),
				...(compileCache ? { compileCache } : {}),
			}));
	// A replay's program runs where a Run press's does: in the sandbox when there is one.
	const launcher = options.sandbox ? sandboxLauncher(options.sandbox) : undefined;
	// Each page gets its own token, and with it its own session, so two open tabs never share one.
	const channels = new Map<string, Channel | undefined>();

	const mint = (): string => {
		const token = randomBytes(24).toString('base64url');
		channels.set(token, undefined);
		for (const [old, channel] of channels) {
			if (channels.size <= MAX_TOKENS) break;
			if (!channel) channels.delete(old);
		}
		return token;
	};

	const openEvents = (token: string, response: ServerResponse): void => {
		// A page that reconnects replaces its old stream; the old session stops with it.
		channels.get(token)?.response.destroy();
		response.writeHead(200, {
			'Content-Type': 'application/x-ndjson; charset=utf-8',
			'Cache-Control': 'no-store',
			'X-Content-Type-Options': 'nosniff',
			'Cross-Origin-Resource-Policy': 'same-origin',
		});
		response.socket?.setTimeout(0);
		const emit = (event: RuntimeEvent) => {
			if (response.destroyed || response.writableEnded) return;
			if (response.writableLength > MAX_QUEUED_BYTES) {
				response.destroy();
				return;
			}
			response.write(`${JSON.stringify(event)}\n`);
		};
		scale?.refreshIfOlder(SCALE_MAX_AGE_MS);
		const replays = new PageReplays(emit, (id) => labs.load(id), launcher);
		const channel: Channel = { response, session: createSession(emit), replays };
		channels.set(token, channel);
		response.on('close', () => {
			// The token ends with its stream: a page that lost it asks for a fresh one, so a token
			// that leaked (a log, a shared screen) is worth nothing once its page is gone.
			if (channels.get(token) === channel) channels.delete(token);
			void channel.session.close();
			void channel.replays.close();
		});
		emit({ type: 'ready', runtime: 'local', node: process.version });
	};

	const postCommand = async (
		channel: Channel,
		request: IncomingMessage,
		response: ServerResponse,
	) => {
		const result = await readCommand(request, LOCAL_RUNTIME.maxBodyBytes);
		if (!result.ok) {
			// The rest of a body that is too large is never read: the connection is closed instead.
			if (result.status === 413) response.setHeader('Connection', 'close');
			reply(response, result.status, { error: result.error });
			return;
		}
		// A replay takes the commands it changes; Stop and Run end it before the session sees them.
		if (!(await channel.replays.route(result.command, channel.session))) {
			channel.session.handle(result.command);
		}
		reply(response, 202, { accepted: result.command.type });
	};

	const handler = (request: IncomingMessage, response: ServerResponse): boolean => {
		const path = (request.url ?? '/').split('?')[0] ?? '/';
		if (!path.startsWith(PREFIX) && path !== PREFIX.slice(0, -1)) return false;
		const refusal = guardRefusal(request);
		if (refusal) return reply(response, 403, { error: refusal });
		const route = routeOf(path);
		if (!route) return reply(response, 404, { error: `No runtime endpoint ${path}` });
		if (request.method !== route.method) {
			response.setHeader('Allow', route.method);
			return reply(response, 405, { error: `Use ${route.method} for ${path}` });
		}
		if (route.name === 'session') {
			return reply(response, 200, { token: mint(), node: process.version });
		}
		const token = request.headers['x-runtime-token'];
		if (typeof token !== 'string' || !channels.has(token)) {
			const error = `Missing or unknown X-Runtime-Token; get one from GET ${LOCAL_RUNTIME.session}`;
			return reply(response, 401, { error });
		}
		if (route.name === 'events') {
			openEvents(token, response);
			return true;
		}
		const channel = channels.get(token);
		if (!channel) {
			const error = `Open the event stream first: GET ${LOCAL_RUNTIME.events}`;
			return reply(response, 409, { error });
		}
		postCommand(channel, request, response).catch(() => {
			if (response.headersSent) response.destroy();
			else reply(response, 400, { error: 'Could not read the command body' });
		});
		return true;
	};

	return Object.assign(handler, {
		async close() {
			const open = [...channels.values()].filter((channel) => channel !== undefined);
			channels.clear();
			for (const channel of open) channel.response.destroy();
			await Promise.all([
				...open.flatMap((channel) => [channel.session.close(), channel.replays.close()]),
				scale?.close(),
			]);
			await compileCache?.close();
		},
	});
}

type Route = { name: 'session' | 'events' | 'command'; method: 'GET' | 'POST' };

function routeOf(path: string): Route | undefined {
	if (path === LOCAL_RUNTIME.session) return { name: 'session', method: 'GET' };
	if (path === LOCAL_RUNTIME.events) return { name: 'events', method: 'GET' };
	if (path === LOCAL_RUNTIME.command) return { name: 'command', method: 'POST' };
	return undefined;
}

/** Answers with a JSON body; returns true, so a branch of the handler can answer and end at once. */
function reply(response: ServerResponse, status: number, value: unknown): true {
	const body = JSON.stringify(value);
	response.writeHead(status, {
		'Content-Type': 'application/json; charset=utf-8',
		'Content-Length': Buffer.byteLength(body),
		'Cache-Control': 'no-store',
		'X-Content-Type-Options': 'nosniff',
		'Cross-Origin-Resource-Policy': 'same-origin',
	});
	response.end(body);
	return true;
}
