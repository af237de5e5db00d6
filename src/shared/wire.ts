// How the page and the lab session talk through a terminal, as they must inside a WebContainer:
// the session's stdin and stdout are one pseudo-terminal that echoes what is typed, mixes stderr
// into stdout, adds ANSI codes and carriage returns, and may cut a long line. So nothing large or
// fragile crosses it. The page writes a command's data as files (the container's file system) and
// types one short line that names them; the session answers with framed lines that carry a marker,
// a sequence number, a length and a checksum, so echo, stderr and a broken or merged line can never
// be taken for an event. This module is shared by both ends and uses no Node or browser API.
import type { RuntimeEvent } from './protocol.ts';

/** Where the page writes a command for the session, relative to the session's working folder:
 * `inbox/<n>/command.json`, plus `inbox/<n>/files/<path>` for a Run or Check press's files. */
export const INBOX = 'inbox';

/** Starts every frame; no learner output reaches the terminal unframed, and echo is only ever one
 * of the short command lines below, so a line holding this marker was written by the session. */
export const FRAME_MARKER = '\u00a7lab\u00a7';

/** The short lines the page types; each fits any terminal line many times over. */
export type WireCommand =
	/** Carries out the command written to `inbox/<n>/`. */
	| { verb: 'do'; n: number }
	/** Asks for every frame from `seq` on again, after the page saw a gap. */
	| { verb: 'resend'; seq: number };

/** What a frame carries: an event with its number, or the session's heartbeat with the number of
 * the last event it sent, which lets the page notice a lost last event and that the session lives. */
export type Frame =
	| { kind: 'event'; seq: number; event: RuntimeEvent }
	| { kind: 'beat'; last: number }
	/** The session saw a learner process it cannot stop; only a fresh container gets rid of it. */
	| { kind: 'stuck'; message: string };

export function commandLine(command: WireCommand): string {
	return command.verb === 'do' ? `do ${command.n}` : `resend ${command.seq}`;
}

/** Reads one typed line, or `undefined` for anything else (the session ignores it). */
export function parseCommandLine(line: string): WireCommand | undefined {
	const match = /^(do|resend) (\d{1,9})$/.exec(line.trim());
	if (!match) return undefined;
	const value = Number(match[2]);
	return match[1] === 'do' ? { verb: 'do', n: value } : { verb: 'resend', seq: value };
}

/** FNV-1a over the UTF-16 code units, as 8 hex digits: cheap, the same in Node and the browser, and
 * enough to tell a line that lost or gained characters from the one that was sent. */
export function checksum(text: string): string {
	let hash = 0x811c9dc5;
	for (let i = 0; i < text.length; i++) {
		hash ^= text.charCodeAt(i);
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash.toString(16).padStart(8, '0');
}

/** The longest line a frame may take. Output lines are not limited by the terminal's line
 * discipline as typed lines are, but a terminal that wraps by inserting line breaks would break a
 * long one every time; a larger frame travels as numbered parts instead. */
export const MAX_LINE = 1000;
/** Characters of the frame's JSON per part; escaped again inside the part, at most twice as long. */
const PART_CHARS = 400;

/** A piece of a frame too long for one line; the parts of one frame share its `seq`. */
interface Part {
	kind: 'part';
	seq: number;
	i: number;
	n: number;
	text: string;
}

/** One frame as one or more lines (without newlines). JSON escapes every control character, so no
 * line holds a newline, carriage return or escape of its own. */
export function encodeFrame(frame: Frame): string[] {
	const body = JSON.stringify(frame);
	if (body.length + 40 <= MAX_LINE) return [frameLine(body)];
	const seq = frame.kind === 'event' ? frame.seq : 0;
	const n = Math.ceil(body.length / PART_CHARS);
	return Array.from({ length: n }, (_, i) => {
		const part: Part = {
			kind: 'part',
			seq,
			i,
			n,
			text: body.slice(i * PART_CHARS, (i + 1) * PART_CHARS),
		};
		return frameLine(JSON.stringify(part));
	});
}

function frameLine(body: string): string {
	return `${FRAME_MARKER} ${body.length} ${checksum(body)} ${body}`;
}

/** ANSI escape sequences and carriage returns a terminal adds around and inside output. */
const terminalNoise =
	/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)|\x1b[()][A-Za-z0-9]|\r/g;

/** The checked JSON on a line of terminal output, or `undefined` for echo, stderr, a learner's
 * stray line or a line that was cut, merged or altered on the way. */
function decodeLine(line: string): unknown {
	const text = line.replace(terminalNoise, '');
	const at = text.lastIndexOf(FRAME_MARKER);
	if (at === -1) return undefined;
	const match = /^ (\d{1,9}) ([0-9a-f]{8}) /.exec(text.slice(at + FRAME_MARKER.length));
	if (!match) return undefined;
	const body = text.slice(at + FRAME_MARKER.length + match[0].length);
	if (body.length !== Number(match[1]) || checksum(body) !== match[2]) return undefined;
	try {
		return JSON.parse(body);
	} catch {
		return undefined;
	}
}

/** Frames kept half-received at once; parts of older ones are dropped and asked for again. */
const MAX_PARTIAL = 32;

/** Reads frames from lines of terminal output, putting a frame sent in parts back together. */
export class FrameReader {
	readonly #partial = new Map<number, (string | undefined)[]>();

	read(line: string): Frame | undefined {
		const value = decodeLine(line);
		if (!isPart(value)) return asFrame(value);
		const parts =
			this.#partial.get(value.seq) ?? new Array<string | undefined>(value.n).fill(undefined);
		if (parts.length !== value.n || value.i >= value.n) return undefined;
		parts[value.i] = value.text;
		this.#partial.set(value.seq, parts);
		if (this.#partial.size > MAX_PARTIAL)
			this.#partial.delete(this.#partial.keys().next().value ?? value.seq);
		if (parts.some((part) => part === undefined)) return undefined;
		this.#partial.delete(value.seq);
		try {
			return asFrame(JSON.parse(parts.join('')));
		} catch {
			return undefined;
		}
	}
}

/** The frame on one line, for a frame that fits on one. */
export function decodeFrame(line: string): Frame | undefined {
	return asFrame(decodeLine(line));
}

function isPart(value: unknown): value is Part {
	const part = value as Partial<Part> | null;
	return (
		typeof part === 'object' &&
		part !== null &&
		part.kind === 'part' &&
		Number.isInteger(part.seq) &&
		Number.isInteger(part.i) &&
		Number.isInteger(part.n) &&
		(part.n ?? 0) > 0 &&
		(part.n ?? 0) < 10_000 &&
		(part.i ?? -1) >= 0 &&
		typeof part.text === 'string'
	);
}

function asFrame(value: unknown): Frame | undefined {
	if (typeof value !== 'object' || value === null) return undefined;
	const frame = value as Record<string, unknown>;
	const event = frame['event'] as { type?: unknown } | undefined;
	if (
		frame['kind'] === 'event' &&
		Number.isInteger(frame['seq']) &&
		typeof event?.type === 'string'
	) {
		return value as Frame;
	}
	if (frame['kind'] === 'beat' && Number.isInteger(frame['last'])) return value as Frame;
	if (frame['kind'] === 'stuck' && typeof frame['message'] === 'string') return value as Frame;
	return undefined;
}
