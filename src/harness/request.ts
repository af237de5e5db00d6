import { request as httpRequest, type IncomingMessage } from 'node:http';
import { CheckFailure, TimingFailure } from './check-failure.ts';
import { describeExit } from './learner-process.ts';
import type { CheckScope } from './scope.ts';
import { handleOf, lastWords } from './start.ts';
import type { GraderRequest, GraderRequestLine, GraderResponse, LearnerProgram } from './types.ts';

export const DEFAULT_REQUEST_TIMEOUT_MS = 2000;
/** A response larger than this is not a sensible answer to any lab's request. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** How often a request's wait looks at whether the program is stuck in a loop. */
const LOOP_WATCH_MS = 250;

/** How long a program must have been busy without answering before it is judged stuck in a loop:
 * a quarter of the request's (stretched) wait, and never under a second, since answering any lab's
 * request takes a few milliseconds of work and a starved program sleeps rather than runs. */
function loopVerdictAfter(timeoutMs: number): number {
	return Math.min(timeoutMs, Math.max(1000, timeoutMs / 4));
}

/** Sends one request on a fresh connection (no keep-alive, so every request behaves the same) with
 * exactly the given headers; Node adds only `Host`, `Connection` and, for a body, `Content-Length`. */
export async function sendRequest(
	scope: CheckScope,
	program: LearnerProgram,
	spec: GraderRequest,
): Promise<GraderResponse> {
	scope.throwIfCancelled();
	const method = (spec.method ?? 'GET').toUpperCase();
	const headers: Record<string, string> = { ...spec.headers };
	const body = typeof spec.body === 'string' ? Buffer.from(spec.body) : spec.body;
	const hasLength = Object.keys(headers).some((name) => name.toLowerCase() === 'content-length');
	if (body !== undefined && !hasLength) headers['Content-Length'] = String(body.length);
	// The curl line shows the headers the check chose; curl adds Content-Length by itself.
	const line: GraderRequestLine = { method, url: `${program.url}${spec.path}` };
	if (spec.headers) line.headers = { ...spec.headers };
	if (spec.body !== undefined) line.body = spec.body;
	const label = `${method} ${spec.path}`;
	const timeoutMs = spec.timeoutMs ?? DEFAULT_REQUEST_TIMEOUT_MS;
	const handle = handleOf(program);
	const started = Date.now();

	const loopAfterMs = loopVerdictAfter(timeoutMs);

	const outcome = await scope.guard(
		new Promise<{ res: IncomingMessage; bytes: Buffer } | { error: Error | 'timeout' | 'looping' }>(
			(resolve) => {
				const req = httpRequest({
					host: '127.0.0.1',
					port: program.port,
					method,
					path: spec.path,
					headers,
					agent: false,
				});
				const finish = (result: Parameters<typeof resolve>[0]) => {
					clearTimeout(timer);
					clearInterval(watch);
					scope.signal.removeEventListener('abort', abort);
					resolve(result);
				};
				const abort = () => req.destroy();
				const timer = setTimeout(() => {
					req.destroy();
					finish({ error: 'timeout' });
				}, timeoutMs);
				// A program stuck in a loop will not answer however long it is given, so it is judged
				// as soon as it has been busy for long enough to be sure, not at the end of the wait.
				const watch = setInterval(() => {
					if (Date.now() - started < loopAfterMs) return;
					if (!handle?.process.spin.spinningSince(started)) return;
					req.destroy();
					finish({ error: 'looping' });
				}, LOOP_WATCH_MS);
				watch.unref();
				scope.signal.addEventListener('abort', abort, { once: true });
				req.on('error', (error) => finish({ error }));
				req.on('response', (res) => {
					const chunks: Buffer[] = [];
					let size = 0;
					res.on('data', (chunk: Buffer) => {
						size += chunk.length;
						if (size > MAX_RESPONSE_BYTES) {
							req.destroy(new Error('the response was larger than 64 MB'));
							return;
						}
						chunks.push(chunk);
					});
					res.on('error', (error) => finish({ error }));
					res.on('end', () => finish({ res, bytes: Buffer.concat(chunks) }));
				});
				req.end(body);
			},
		),
	);

	if ('res' in outcome) {
		const bytes = new Uint8Array(outcome.bytes);
		const text = () => new TextDecoder().decode(bytes);
		return {
			status: outcome.res.statusCode ?? 0,
			headers: { ...outcome.res.headers },
			body: bytes,
			text,
			json() {
				try {
					return JSON.parse(text()) as unknown;
				} catch {
					throw new CheckFailure(
						`Expected a JSON body in the response to ${label}, got ${preview(text())}`,
						line,
					);
				}
			},
			durationMs: Date.now() - started,
			request: line,
		};
	}
	if (outcome.error === 'timeout' || outcome.error === 'looping') {
		const spinning =
			outcome.error === 'looping' || (handle?.process.spin.spinningSince(started) ?? false);
		const waitedMs = outcome.error === 'looping' ? Date.now() - started : timeoutMs;
		const message = `No response to ${label} within ${waitedMs} ms`;
		// A program stuck in a loop is no matter of time: no machine is slow enough to excuse it.
		if (spinning) {
			throw new CheckFailure(
				`${message}; your program was busy running code the whole time, so it looks stuck in a loop`,
				line,
			);
		}
		throw new TimingFailure(message, 'wait', line);
	}
	throw new CheckFailure(await explainFailure(label, program, outcome.error, timeoutMs), line);
}

/** Says why a request got no response: most often the program has just died, and its exit may be
 * reported a moment after the connection broke, so wait briefly for it before blaming the socket.
 * Briefly means a quarter of the request's wait, which is stretched by the machine's time scale,
 * from half a second to two: on a machine at a load average of 23 a fixed 500 ms can be too
 * short, and a crash is then reported as a program that closed the connection. */
async function explainFailure(
	label: string,
	program: LearnerProgram,
	error: Error,
	timeoutMs: number,
): Promise<string> {
	const handle = handleOf(program);
	const exitWaitMs = Math.min(2000, Math.max(500, timeoutMs / 4));
	if (handle && (await handle.process.waitForExit(exitWaitMs))) {
		await handle.process.drained(500);
		const exit = handle.process.exit;
		const why = exit?.code === 0 ? 'a server must keep running' : 'it crashed';
		return (
			`Your program ${exit ? describeExit(exit) : 'exited'} before answering ${label} (${why})` +
			lastWords(handle)
		);
	}
	const code = (error as NodeJS.ErrnoException).code;
	if (code === 'ECONNREFUSED') {
		return `Connection refused for ${label}: your program runs but no longer accepts connections on port ${program.port}`;
	}
	if (code === 'ECONNRESET' || error.message === 'socket hang up') {
		return `Your program closed the connection without answering ${label}`;
	}
	if (code === 'HPE_INVALID_CONSTANT' || code?.startsWith('HPE_')) {
		return `The response to ${label} is not valid HTTP (${error.message})`;
	}
	return `${label} failed: ${error.message}`;
}

function preview(text: string): string {
	if (text.length === 0) return 'an empty body';
	const cut = text.length > 60 ? `${text.slice(0, 60)}…` : text;
	return JSON.stringify(cut);
}
