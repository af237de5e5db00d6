import type { IncomingMessage } from 'node:http';

export type BodyResult = { ok: true; text: string } | { ok: false; tooLarge: true };

/** Reads a request body of at most `limit` bytes. A larger body is refused as soon as that is
 * known, from `Content-Length` before any byte is read or else once the limit is passed, and the
 * rest is never buffered: the caller answers 413 and closes the connection. */
export function readBody(request: IncomingMessage, limit: number): Promise<BodyResult> {
	const declared = Number(request.headers['content-length'] ?? Number.NaN);
	if (Number.isFinite(declared) && declared > limit) {
		return Promise.resolve({ ok: false, tooLarge: true });
	}
	return new Promise((resolve, reject) => {
		const chunks: Buffer[] = [];
		let size = 0;
		const onData = (chunk: Buffer) => {
			size += chunk.length;
			if (size > limit) {
				cleanup();
				request.pause();
				resolve({ ok: false, tooLarge: true });
				return;
			}
			chunks.push(chunk);
		};
		const onEnd = () => {
			cleanup();
			resolve({ ok: true, text: Buffer.concat(chunks).toString('utf8') });
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
