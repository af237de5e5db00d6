// `--shard K/N`: a batch grades a stable share of the class, so a class too big for one machine can
// be split across the machines of an existing engine (a CI matrix) and joined with `--merge`. A
// learner's share follows from their folder's name alone: every lab of one learner lands in the
// same shard, and a learner added to the class moves no one else.

export interface Shard {
	/** 1-based, as typed: `--shard 2/3` is the second of three. */
	index: number;
	count: number;
}

/** Parses `K/N`; `null` when it is not two whole numbers with 1 <= K <= N <= 1000. */
export function parseShard(text: string): Shard | null {
	const match = /^(\d+)\/(\d+)$/.exec(text);
	if (!match) return null;
	const index = Number(match[1]);
	const count = Number(match[2]);
	return index >= 1 && count >= 1 && index <= count && count <= 1000 ? { index, count } : null;
}

/** Whether `learner` belongs to `shard`, from a 32-bit FNV-1a hash of the name's UTF-8 bytes: the
 * same on every machine and every run, and spread evenly enough over a class. */
export function inShard(learner: string, shard: Shard): boolean {
	let hash = 0x811c9dc5;
	for (const byte of new TextEncoder().encode(learner)) {
		hash ^= byte;
		hash = Math.imul(hash, 0x01000193) >>> 0;
	}
	return hash % shard.count === shard.index - 1;
}
