import { CheckFailure } from '../harness/check-failure.ts';
import { sendRequest } from '../harness/request.ts';
import type { CheckScope } from '../harness/scope.ts';
import type { LearnerProgram } from '../harness/types.ts';
import type { RuntimeCommand, RuntimeEvent } from '../shared/protocol.ts';

type RequestCommand = Extract<RuntimeCommand, { type: 'request' }>;
type RequestOutcome = Extract<RuntimeEvent, { type: 'response' | 'request-error' }>;

/** Longer than anything a lab's program should need, slow backends and retries included. */
export const REQUEST_TIMEOUT_MS = 10_000;
/** The most of a response body the page is sent; the console shows text, not downloads. */
export const MAX_BODY_BYTES = 256 * 1024;

const METHOD = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;
const PATH = /^\/[\x21-\x7e]*$/;

/** Sends the request the learner composed in the console to their running program, through the
 * harness's own request code, so the console and the checks see a program the same way and explain
 * a failure (refused, crashed, stuck in a loop) with the same words. */
export async function forwardRequest(
	scope: CheckScope,
	program: LearnerProgram,
	command: RequestCommand,
): Promise<RequestOutcome> {
	const { id } = command;
	if (!METHOD.test(command.method)) {
		return { type: 'request-error', id, message: `"${command.method}" is not an HTTP method` };
	}
	if (!PATH.test(command.path)) {
		return {
			type: 'request-error',
			id,
			message:
				'The path must start with "/" and have no spaces or non-ASCII characters (write %20 for a space)',
		};
	}
	try {
		const response = await sendRequest(scope, program, {
			method: command.method,
			path: command.path,
			headers: command.headers,
			...(command.body === undefined ? {} : { body: command.body }),
			timeoutMs: REQUEST_TIMEOUT_MS,
		});
		const headers: Record<string, string> = {};
		for (const [name, value] of Object.entries(response.headers)) {
			if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
		}
		return {
			type: 'response',
			id,
			status: response.status,
			headers,
			body: bodyText(response.body),
			durationMs: response.durationMs,
		};
	} catch (error) {
		return { type: 'request-error', id, message: describe(scope, error) };
	}
}

function bodyText(bytes: Uint8Array): string {
	if (bytes.length <= MAX_BODY_BYTES) return new TextDecoder().decode(bytes);
	const shown = new TextDecoder().decode(bytes.subarray(0, MAX_BODY_BYTES));
	return `${shown}\n… (${bytes.length} bytes in all; the first ${MAX_BODY_BYTES / 1024} KB are shown)`;
}

function describe(scope: CheckScope, error: unknown): string {
	if (scope.isCancelled) return 'Your program was stopped before it answered';
	if (error instanceof CheckFailure) return error.message;
	// Node refuses a header name or value it cannot send; its message names the header.
	const message = error instanceof Error ? error.message : String(error);
	return `The request could not be sent: ${message}`;
}
