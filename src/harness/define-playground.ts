import type { FakeResponse, RecordedRequest } from './types.ts';

// What a lab's program runs against when the learner presses Run in the page: the companions (fake
// backends or an origin), how they answer, and the environment the lab's contract promises. Each
// lab declares its own in `labs/<id>/playground.ts`. This file imports types only, so a playground
// stays safe to load at build time and inside the WebContainer's session bundle.

/** A lab's playground, as `labs/<id>/playground.ts` default-exports it. */
export interface Playground {
	/** Files written into the program's folder unless the learner's files hold one of that name. */
	files: Record<string, string>;
	/** The companions' names, in the order the program is told about them. */
	companions: string[];
	/** Makes one companion's answers; absent, a companion answers JSON naming itself. Called once
	 * per run, so an answerer may keep state (a request counter) for that run. */
	answerer?: () => (request: RecordedRequest) => FakeResponse;
	/** Requests to this path are health checks, counted apart from the others. */
	healthPath?: string;
	/** The program's environment besides `PORT`, from the companions' base URLs in order. */
	env(urls: string[]): Record<string, string>;
}

/** Throws the first mistake it finds, saying which field and how to fix it. The loader adds the
 * lab's folder to the message, since a playground does not know its own lab id. */
function validate(playground: Playground): void {
	const fail = (message: string): never => {
		throw new Error(`Playground: ${message}`);
	};
	for (const path of Object.keys(playground.files ?? fail('files is missing; give {} for none.'))) {
		if (path === '' || path.startsWith('/') || path.split('/').includes('..')) {
			fail(
				`file "${path}" must be a path inside the program's folder, such as "public/index.html".`,
			);
		}
		if (typeof playground.files[path] !== 'string') fail(`file "${path}" must hold text.`);
	}
	const companions = playground.companions ?? fail('companions is missing; give [] for none.');
	const seen = new Set<string>();
	for (const name of companions) {
		if (typeof name !== 'string' || name.trim() === '') fail('every companion needs a name.');
		if (seen.has(name)) fail(`companion "${name}" is named twice; give each its own name.`);
		seen.add(name);
	}
	if (typeof playground.env !== 'function') {
		fail("env must be a function from the companions' URLs to the environment.");
	}
	if (playground.answerer !== undefined && typeof playground.answerer !== 'function') {
		fail("answerer must be a function that returns one companion's answers.");
	}
	if (playground.healthPath !== undefined && !playground.healthPath.startsWith('/')) {
		fail(`healthPath "${playground.healthPath}" must start with "/".`);
	}
	const urls = companions.map((_, index) => `http://127.0.0.1:${4000 + index}`);
	for (const [name, value] of Object.entries(playground.env(urls))) {
		if (!/^[A-Z][A-Z0-9_]*$/.test(name))
			fail(`environment variable "${name}" must be UPPER_SNAKE_CASE.`);
		if (name === 'PORT') fail('env must not set PORT; the runtime gives every program its own.');
		if (typeof value !== 'string') fail(`environment variable ${name} must be a string.`);
	}
}

/** Declares a lab's playground. It validates the definition early, so a mistake is found when the
 * lab is loaded (by the build, the runtime or the tests), not when a learner presses Run. */
export function definePlayground(playground: Playground): Playground {
	validate(playground);
	return playground;
}

/** True when `path` (query string and all) asks for the playground's health path. */
export function isHealthCheck(playground: Playground, method: string, path: string): boolean {
	return (
		playground.healthPath !== undefined &&
		(method === 'GET' || method === 'HEAD') &&
		path.split('?')[0] === playground.healthPath
	);
}
