// Waiting in tests for a state rather than for a guessed time: a condition is polled, a bounded
// number of times, and the test goes on as soon as it holds.

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Polls `test` every `everyMs` until it holds or `ms` have passed; resolves whether it held, so
 * the caller's own assertion says what was expected. */
export async function eventually(
	test: () => boolean | Promise<boolean>,
	ms: number,
	everyMs = 20,
): Promise<boolean> {
	for (const end = Date.now() + ms; Date.now() < end;) {
		if (await test()) return true;
		await pause(everyMs);
	}
	return test();
}

/** Polls `condition` every `everyMs` until it holds; rejects naming `what` after `timeoutMs`. */
export async function until(
	condition: () => boolean | Promise<boolean>,
	what: string,
	timeoutMs = 10_000,
	everyMs = 20,
): Promise<void> {
	const deadline = Date.now() + timeoutMs;
	while (!(await condition())) {
		if (Date.now() > deadline) throw new Error(`Timed out waiting until ${what}`);
		await pause(everyMs);
	}
}
