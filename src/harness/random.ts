import type { Random } from './types.ts';

const ALPHABET = 'abcdefghijklmnopqrstuvwxyz';
const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A seeded `Random` built on mulberry32: small, fast, and the same on every Node version, so a
 * seed printed by one run replays the same data on another machine. */
export function createRandom(seed: number, stream = ''): Random {
	let state = mix(seed >>> 0, stream);
	const next = (): number => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	const int = (min: number, max: number): number => min + Math.floor(next() * (max - min + 1));
	const pick = <T>(items: readonly T[]): T => {
		if (items.length === 0) throw new Error('random.pick() needs at least one item.');
		return items[int(0, items.length - 1)] as T;
	};
	const text = (chars: string, length: number): string =>
		Array.from({ length }, () => pick([...chars])).join('');
	return {
		seed: seed >>> 0,
		int,
		pick,
		shuffle<T>(items: readonly T[]): T[] {
			const copy = [...items];
			for (let i = copy.length - 1; i > 0; i--) {
				const j = int(0, i);
				[copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
			}
			return copy;
		},
		word: (length = 6) => text(ALPHABET, length),
		// The first character is a letter so that an id never looks like a number to a learner's router.
		id: (prefix = 'id') => `${prefix}-${text(ALPHABET, 1)}${text(ALPHANUMERIC, 5)}`,
	};
}

/** A fresh seed for a run that was not given one. */
export function randomSeed(): number {
	return Math.floor(Math.random() * 4294967296) >>> 0;
}

/** Derives a per-check state from the run's seed and the check id, so replaying one check alone
 * (with `only`) gives it the same data as in the full run. */
function mix(seed: number, stream: string): number {
	let hash = seed ^ 0x9e3779b9;
	for (let i = 0; i < stream.length; i++) {
		hash = Math.imul(hash ^ stream.charCodeAt(i), 0x01000193) >>> 0;
	}
	return hash >>> 0;
}
