// The environment every balancer lab's program is started with: its backends' base URLs, in order,
// separated by commas. The checks (pool.ts) and each balancer lab's playground both build it here,
// so the page's Run and the grader promise the program the same thing. No imports: playgrounds are
// loaded at build time and bundled for the WebContainer.

/** `BACKENDS` for backends at `urls`, in the order the program must count them. */
export function backendsEnv(urls: readonly string[]): { BACKENDS: string } {
	return { BACKENDS: urls.join(',') };
}
