import type { IncomingMessage } from 'node:http';
import { parseCommand } from './parse-command.ts';
import type { RuntimeCommand } from '../shared/protocol.ts';

export type CommandResult =
	{ ok: true; command: RuntimeCommand } | { ok: false; status: 400 | 413; error: string };

/** Reads one JSON `RuntimeCommand` of at most `limit` bytes from a request body. */
export async function readCommand(request: IncomingMessage, limit: number): Promise<CommandResult> {
	const text = await readBody(request, limit);
	if (text === undefined) {
		return { ok: false, status: 413, error: `Command body is larger than ${limit} bytes` };
	}
	let value: unknown;
	try {
		value = JSON.parse(text);
	} catch {
		return { ok: false, status: 400, error: 'Command body is not valid JSON' };
	}
	const parsed = parseCommand(value);
	return parsed.ok ? parsed : { ok: false, status: 400, error: parsed.error };
}

/** The body as text, or `undefined` when it is larger than `limit`. A larger body is refused as
 * soon as that is known, from `Content-Length` before any byte is read or else once the limit is
 * passed, and the rest is never buffered: the caller answers 413 and closes the connection. */
function readBody(request: IncomingMessage, limit: number): Promise<string | undefined> {
	const declared = Number(request.headers['content-length'] ?? Number.NaN);
	if (Number.isFinite(declared) && declared > limit) return Promise.resolve(undefined);
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				cleanup();
				request.pause();
				resolve(undefined);
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			cleanup();
			resolve(Buffer.concat(chunks).toString('utf8'));
		};
		const onError = (error: Error) => {
			cleanup();
			reject(error);
		};
		const cleanup = () => {
			request.off('data', onData);
			request.off('end', onEnd);
			request.off('error', onError);
		};
		request.on('data', onData);
		request.on('end', onEnd);
		request.on('error', onError);
	});
}
