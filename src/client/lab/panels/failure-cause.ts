// Tells which failed checks share a cause, so the checks panel can show the first failure of each
// cause in full and the others as one line each, as CodeCrafters' tester leads with the first
// failure. A starter that answers 404 to everything fails a dozen checks with a dozen messages
// that differ only in the request; the learner needs the first one, not all of them.

/** Replaces what differs from one request to the next (paths, quoted values, numbers that are not
 * status codes) so that two messages about the same behaviour compare equal. */
function normalise(text: string): string {
	return text
		.replace(/https?:\/\/[^\s"\\,;)]+/g, '<url>')
		.replace(/\/[^\s"\\,;)]*/g, '/…')
		.replace(/"(?:[^"\\]|\\.)*"/g, (quoted) =>
			quoted.includes('\\"') ? quoted.replace(/\d+/g, 'N') : '"…"',
		)
		.replace(/\b(?![1-5]\d\d\b)\d+(\.\d+)?\b/g, 'N')
		.trim();
}

/** The part of a failure message that says what the program did, which is what a cause is. The
 * harness's messages read "Expected X, got Y" or "Expected X, but Y"; without either, the whole
 * message stands for its cause. */
export function failureCause(message: string): string {
	const got = message.lastIndexOf(', got ');
	if (got !== -1) return `got ${normalise(message.slice(got + ', got '.length))}`;
	const but = message.indexOf(', but ');
	if (but !== -1) return `but ${normalise(message.slice(but + ', but '.length))}`;
	return normalise(message);
}

/** Remembers the first failed check of each cause in one run. */
export interface CauseBook {
	/** The id and title of the first check that failed for the same cause, or undefined when this
	 * failure is the first of its cause (it is then recorded as such). */
	firstWith(id: string, title: string, message: string): { id: string; title: string } | undefined;
	/** How many distinct causes the run's failures have so far. */
	readonly causes: number;
	clear(): void;
}

export function createCauseBook(): CauseBook {
	const firsts = new Map<string, { id: string; title: string }>();
	return {
		firstWith(id, title, message) {
			const cause = failureCause(message);
			const first = firsts.get(cause);
			if (first) return first;
			firsts.set(cause, { id, title });
			return undefined;
		},
		get causes() {
			return firsts.size;
		},
		clear() {
			firsts.clear();
		},
	};
}
