// Seeded binary data and byte-for-byte comparison, for bodies that must not be altered.
import type { CheckContext } from '../../../src/harness/index.ts';

/** `length` pseudo-random bytes drawn from the check's seed (xorshift32, fast for a mebibyte).
 * Random bytes are rarely valid UTF-8, so a proxy that turns the body into a string breaks them. */
export function randomBytes(ctx: CheckContext, length: number): Uint8Array {
	let state = ctx.random.int(1, 0x7fffffff);
	const bytes = new Uint8Array(length);
	for (let index = 0; index < length; index++) {
		state ^= state << 13;
		state ^= state >>> 17;
		state ^= state << 5;
		bytes[index] = state & 0xff;
	}
	return bytes;
}

/** Says how `actual` differs from `expected`, or returns undefined when they are the same bytes. */
export function byteDifference(actual: Uint8Array, expected: Uint8Array): string | undefined {
	if (actual.length !== expected.length) {
		return `${actual.length} bytes, expected ${expected.length}`;
	}
	const first = actual.findIndex((byte, index) => byte !== expected[index]);
	if (first === -1) return undefined;
	return `${actual.length} bytes that differ from those sent, first at byte ${first}`;
}
